// Package caselaw is the database of court decisions on trafficking in
// persons and the smuggling of migrants, described the way UNODC's SHERLOC
// practice describes a case, with the national legislation the decisions
// apply. Cases are drafted by focal points (their own country) and editors,
// checked for personal identifiers, and published by editors; every
// correction is a new revision. Both are found through the shared search
// (package search) in the six UN languages, with facets.
package caselaw
