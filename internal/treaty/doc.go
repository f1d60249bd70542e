// Package treaty holds the status of the Convention against Transnational Organized Crime, its Protocols and UNCAC: instruments, treaty actions per participant, and the parties as at any date.
package treaty
