// Package omnibus is the self-assessment checklist of the Convention
// against Transnational Organized Crime and its Trafficking and Smuggling
// Protocols, and the review mechanism built on it: a State's focal point
// answers its instrument's questionnaire article by article, tipsom turns
// the answers into an implementation status and the assistance the State
// needs, and States review each other in cycles drawn by lot.
package omnibus
