// Package search is tipsom's shared full-text search: it analyses text in Go
// with bleve's analysers (English, French, Spanish, Arabic, Russian, and
// CJK bigrams for Chinese) into a column of plain tokens, written in the
// same transaction as the record it describes. SQLite indexes that column
// with FTS5, PostgreSQL with a to_tsvector('simple', tokens) GIN index;
// queries are analysed the same way, so both engines find the same
// documents. Facet counts and filters run over an in-memory snapshot of the
// documents' facet values, kept in step with the database by a generation
// counter, so they cost microseconds rather than a GROUP BY per request.
//
// A search names one kind of document (Request.Kind) or several
// (Request.Kinds): documents of several kinds are ranked together by the
// words index's scores, which are computed over every document whatever
// its kind, or by date; facets are counted by name across the kinds, and
// the pseudo-facet FacetKind counts and filters the kinds. What a
// list of hits of several kinds shows of each (Display: titles, summaries,
// a path) is stored with the document (search_docs.display) and read for
// the page's hits only, by Index.Displays, keyed by DisplayKey(kind, ref).
//
// Index.Suggest is "did you mean": a word no document of the kinds holds is
// replaced by the closest word of their vocabulary by trigram similarity,
// shown in the surface form a document used (search_words keeps the first
// one met per token). The vocabulary is built per kind from the live
// documents' tokens and rebuilt when the kind's generation moves.
package search
