// Package report builds the Global Report on Trafficking in Persons from the
// published statistics: a static web edition (key findings, a global
// overview, a chapter per region and sub-region, a profile per country, a
// methodology and coverage annex, and the data behind every chart as CSV)
// and, by printing the same pages with headless Chromium, a PDF.
//
// Every count it prints comes from the statistics room's exported API — the
// figures GET /api/v1/stats/aggregate and /api/v1/stats/flows answer for
// the same query — and passes one more round of disclosure control over the
// whole edition, so that no withheld figure can be worked out by
// subtraction between its pages. Key findings are sentences generated from
// those figures in each language, never typed by hand.
//
// An analyst publishes an edition in the app: its files are stored in the
// database with their SHA-256 and served as they were published at
// /reports/{edition}/, whatever the statistics become afterwards.
package report
