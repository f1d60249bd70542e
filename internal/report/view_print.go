package report

// chapter is one chapter of the printed report: the key findings, a
// place, or the annex. Country profiles print their tables without the
// charts and maps the web edition draws from them: some two hundred
// profiles would otherwise add a thousand charts and keep the PDF far
// from its two minutes.
type chapter struct {
	ID    string
	Title string
	Level int
	Kind  string // "findings", "place" or "annex"
	Bare  bool   // print the tables without their charts and maps
	Index *indexView
	Place *placeView
	Annex *annexView
}

// printView is the printed report: a cover, the table of contents (whose
// page numbers the printer fills in) and every chapter.
type printView struct {
	Chapters []chapter
	Index    *indexView
}
