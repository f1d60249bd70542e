// Package collection is the national data collection workflow of the
// statistics room. Analysts open rounds (reference years, indicators, a
// deadline); each country's focal point fills its questionnaire — in a web
// form or the published XLSX layout — saves drafts, fixes what validation
// reports and submits. Every submit freezes a version; analysts query
// cells, validate a version and publish it, which is the only way its
// figures reach the published observations of package stats.
//
// Scope is enforced here, in the service: a focal point sees only its own
// country's submissions, and another country's are "not found".
package collection
