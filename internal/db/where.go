package db

import (
	"strconv"
	"strings"
)

// Where gathers the conditions of a query built from optional filters, and
// their arguments. A condition is written with a ? for each value (and no
// other ?); each becomes $1, $2… in the order added, which both engines
// read. The zero Where holds no condition.
type Where struct {
	conds []string
	args  []any
}

// Add adds cond with its values.
func (w *Where) Add(cond string, vals ...any) {
	if n := strings.Count(cond, "?"); n != len(vals) {
		panic("db.Where: " + strconv.Itoa(n) + " placeholders and " + strconv.Itoa(len(vals)) + " values in " + cond)
	}
	var b strings.Builder
	for i, part := range strings.Split(cond, "?") {
		if i > 0 {
			b.WriteString(w.Arg(vals[i-1]))
		}
		b.WriteString(part)
	}
	w.conds = append(w.conds, b.String())
}

// When adds cond with its values if ok: a filter that was set.
func (w *Where) When(ok bool, cond string, vals ...any) {
	if ok {
		w.Add(cond, vals...)
	}
}

// In adds "col IN (…)" for vals when there are any; an empty list adds no
// condition (a filter left unset).
func (w *Where) In(col string, vals []any) {
	if len(vals) == 0 {
		return
	}
	w.conds = append(w.conds, col+" IN ("+Placeholders(len(vals), len(w.args))+")")
	w.args = append(w.args, vals...)
}

// Arg adds v as the next argument and returns its placeholder, for a value
// outside the conditions (a LIMIT).
func (w *Where) Arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// And is the conditions joined with AND ("" when there are none).
func (w *Where) And() string { return strings.Join(w.conds, " AND ") }

// SQL is " WHERE " and the conditions, or "" when there are none.
func (w *Where) SQL() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + w.And()
}

// Args are the arguments of the conditions, in order.
func (w *Where) Args() []any { return w.args }
