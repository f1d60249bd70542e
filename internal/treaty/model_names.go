package treaty

// nonStateParties are the participants that are not States: regional
// economic integration organizations, kept by name with no ISO3. Each
// spelling maps to the name the party is stored under.
func nonStateParties() map[string]string {
	return map[string]string{
		"European Union":     "European Union",
		"European Community": "European Union", // its name in UNTC tables before the Lisbon Treaty (2009)
	}
}
