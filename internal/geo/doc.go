// Package geo holds the reference data about places: the ISO 3166-1 countries and areas with their M49 codes, regions and names in the six UN languages, named groupings of countries, and population by year.
package geo
