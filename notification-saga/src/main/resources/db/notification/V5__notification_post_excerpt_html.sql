-- The excerpt of a post for the HTML part of its e-mails: rendered from the post's Markdown (or HTML) and cleaned
-- to a safe subset (PostExcerpt), once per publication. NULL for posts published before: their e-mails show the
-- text excerpt, escaped, in the HTML part.
ALTER TABLE notification_post ADD COLUMN excerpt_html TEXT;
