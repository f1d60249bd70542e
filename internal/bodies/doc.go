// Package bodies holds the coordination bodies (ICAT, UN.GIFT, GMG, the Conference working groups): members, chairs, working groups, meetings and documents.
package bodies
