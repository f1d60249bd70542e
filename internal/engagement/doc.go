// Package engagement is the Blue Heart Campaign against Human Trafficking:
// the States, businesses and civil society organisations that adopt it,
// the terms of engagement each must meet (checked automatically from what
// tipsom knows of treaty status and self-assessments, then decided by the
// advocacy staff), and the awareness campaigns with the measures that
// show whether they worked — the strategy's call for targeted,
// evidence-based, evaluated awareness-raising.
package engagement
