// Package bodies holds the coordination bodies through which the fight
// against trafficking in persons and the smuggling of migrants is
// coordinated — ICAT, the UN.GIFT Steering Committee, the Global Migration
// Group and the working groups of the Conference of the Parties to the
// Convention against Transnational Organized Crime — with their members,
// chair periods, working groups, meetings and documents.
//
// Organisations are shared by every body, so one table can show who sits
// where and where the same agencies meet more than once. A body's members
// are either organisations or, for the Conference's working groups, the
// States parties, whose membership follows ratification and lives with the
// treaties rather than here.
//
// The rules live in the service: only editors and admins change anything;
// every change writes its audit entry in the same transaction; a body has
// one chair at a time (periods may not share a day); a working group holds
// only members of its body; documents are kept in the database with their
// SHA-256, size and sniffed type. The memberships the strategy lists are
// seeded at start, each item once, so editors' later changes stand.
package bodies
