// Package search is tipsom's shared full-text search: it analyses text in Go
// with bleve's analysers (English, French, Spanish, Arabic, Russian, and
// CJK bigrams for Chinese) into a column of plain tokens, written in the
// same transaction as the record it describes. SQLite indexes that column
// with FTS5, PostgreSQL with a to_tsvector('simple', tokens) GIN index;
// queries are analysed the same way, so both engines find the same
// documents. Facet counts and filters run over an in-memory snapshot of the
// documents' facet values, kept in step with the database by a generation
// counter, so they cost microseconds rather than a GROUP BY per request.
package search
