-- +goose Up
-- What a search across kinds shows of a document (search.Display as JSON:
-- titles and summaries per language and the page's path), written with
-- the document; '' when the capability gives none.
ALTER TABLE search_docs ADD COLUMN display TEXT NOT NULL DEFAULT '';

-- The surface form of an analysed word ("trafficking" for the token
-- "traffick"), the first one written, so that "did you mean" can show a
-- word rather than a stem. Words whose token is their own surface are not
-- stored.
CREATE TABLE search_words (
    token   TEXT PRIMARY KEY,
    surface TEXT NOT NULL
);

-- +goose Down
DROP TABLE search_words;
ALTER TABLE search_docs DROP COLUMN display;
