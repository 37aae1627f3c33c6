-- A person's posts are found in post_state (issue 17): its rows are the posts not deleted, with their creator, kept
-- in the transaction of each post's event as person_content's were. person_content keeps the comments only, so a
-- post's creation writes one row fewer.
CREATE INDEX post_state_creator ON post_state (creator_id);
DELETE FROM person_content WHERE kind = 'post';
