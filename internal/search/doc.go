// Package search is tipsom's shared full-text search: it analyses text in Go
// with bleve's analysers (English, French, Spanish, Arabic, Russian, and
// CJK bigrams for Chinese) into a column of plain tokens, search_docs.tokens,
// written in the same transaction as the record it describes. The
// database keeps a stored words index over that column — FTS5 on SQLite,
// a to_tsvector('simple', tokens) GIN index on PostgreSQL — which is
// written as before but no longer read by searches.
//
// Searches run over an in-memory snapshot of every document of every kind
// (snapshot.go), kept in step with the database by a generation counter
// per kind (search_state): each search reads the generations in its
// transaction, and when one has moved the snapshot reloads the rows
// written since, so a write on any server is seen by the next search on
// every server. The snapshot holds each document's kind, date and facet
// values, and the words index: per token, its postings — the document's
// slot and the token's frequency packed in one uint32, in slot order. A
// document written again takes a new slot and its old one is left dead,
// so postings only grow at their end and are shared between a snapshot and
// the next; when a quarter of the slots are dead, the next reload builds
// the snapshot afresh, sorting the tokens into one string searched by
// bisection (lexicon.go). Both engines thus return the same documents in
// the same order, since the same code ranks them over the same tokens; a
// test checks that the documents are those the stored index finds.
//
// A search starts from the postings of its rarest token (a query is read
// in every analyser its script may be written in; a document matches when
// it holds every token of one reading, a token also matching through an
// alias of a facet value, see Alias), keeps the live documents of the
// kinds asked for that pass the filters and years, narrows them by the
// other tokens, and ranks what is left by BM25 computed over the documents
// of every kind, so scores compare across kinds; the page is cut by a
// bounded heap, without sorting the rest. Every document that matches the
// words and passes the filters is scored — a few nanoseconds each in
// memory — but none that fails a filter. Facets are counted from each
// value's set of documents (a bitmap for common values) intersected with
// the matches, or from the matches' own values when they are few. The
// match cache keeps a search's matches and scores under its words, kinds,
// filters and years, for one snapshot: a write anywhere makes a new
// snapshot, and the entries of an older one are never used again.
//
// A search names one kind of document (Request.Kind) or several
// (Request.Kinds); facets are counted by name across the kinds, and the
// pseudo-facet FacetKind counts and filters the kinds. What a list
// of hits of several kinds shows of each (Display: titles, summaries, a
// path) is stored with the document (search_docs.display) and returned for
// a page's hits by Index.Displays, keyed by DisplayKey(kind, ref): the
// snapshot names the hits' rows, and their displays are read in one
// statement (kept in memory, a case's summaries would double the index).
//
// Index.Suggest is "did you mean": a word no live document of the kinds
// holds is replaced by a token of the snapshot's vocabulary sharing half
// its trigrams or more — the fewest edits from what was typed, then the
// most similar by trigrams, then the one most documents of the kinds hold —
// shown in the surface form a document used (search_words keeps the first
// one met per token) unless the token itself is nearer what was typed.
//
// Memory: at 100,000 generated cases (612,000 distinct tokens, 13.8
// million postings) the snapshot takes about 130 MB by its own estimate,
// and the Go heap in use grows by about 145 MB when it loads (4 to 13 s on
// the shared 2-core machine); bench/README.md has the measured figures.
// The first search after a server starts pays for that load; a write
// costs the next search a reload of the rows written since (about 60 ms at
// 100,000 documents: the tables are copied, not rebuilt).
package search
