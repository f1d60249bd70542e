// Package authorities is the directory of competent national authorities for international cooperation: per country, who handles mutual legal assistance, extradition, vessel requests under the Smuggling of Migrants Protocol, national coordination and focal points.
package authorities
