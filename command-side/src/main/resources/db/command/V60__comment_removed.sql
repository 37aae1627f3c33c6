-- Whether a comment was removed (CommentRemoved), written in the removal's own transaction: a removed comment takes
-- no replies. A reply reads its parent's row FOR SHARE and a removal updates it, so the two are serialised on
-- every node. No comment was removed before this column existed.
ALTER TABLE comment_post ADD COLUMN removed BOOLEAN NOT NULL DEFAULT FALSE;
