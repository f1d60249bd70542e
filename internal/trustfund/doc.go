// Package trustfund is the UN Voluntary Trust Fund for Victims of
// Trafficking in Persons: its donors and contributions, the ledger every
// balance is derived from, the Small Grants Facility's calls for
// proposals, the NGOs' proposals, their screening, technical assessment
// and the Board of Trustees' decision, the grants with their tranches and
// reports, and the public account of it all.
package trustfund
