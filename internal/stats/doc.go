// Package stats holds national statistics on trafficking in persons and the
// smuggling of migrants in the long layout UNODC publishes (dataUNODC): one
// observation per country, indicator, dimension, category, sex, age and
// year. It reads and writes that layout, validates it, keeps conflicts for
// analysts to resolve, and aggregates over any grouping of countries.
package stats
