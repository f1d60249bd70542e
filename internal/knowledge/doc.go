// Package knowledge is the Knowledge Hub's own content: the resources
// library (publications, tools, manuals, model laws and guides, papers,
// videos), good practices documented as structured entries, and news and
// events. Partner organisations contribute resources and good practices,
// editors moderate them; what is published goes into the one search that
// spans every room, its feeds and the sitemap. The strategy asks the Hub to
// identify, document and disseminate best practices and lessons learned,
// and to be the place where every stakeholder finds them.
package knowledge
