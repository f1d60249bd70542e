package web

import (
	"net/http"
	"reflect"
)

// The shapes of most JSON API handlers, written once: read the object a
// path's {id} names, list objects, create one from a JSON body, update the
// one {id} names from a JSON body. Each takes the service call as a
// function of the request, which carries the principal; errors go to the
// router like any handler's.

// ByID answers 200 with what get returns for the path's {id} (a read, or
// an action that answers with its result).
func ByID[T any](get func(r *http.Request, id int64) (T, error)) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		v, err := get(r, id)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, v)
	}
}

// DoByID runs act on the path's {id} and answers 204.
func DoByID(act func(r *http.Request, id int64) error) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		if err := act(r, id); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// List answers 200 with {key: items}, an empty list rather than null.
func List[T any](key string, list func(r *http.Request) ([]T, error)) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		items, err := list(r)
		if err != nil {
			return err
		}
		if items == nil {
			items = []T{}
		}
		return WriteJSON(w, http.StatusOK, map[string]any{key: items})
	}
}

// Create decodes a JSON body as In, creates with it, and answers 201 with
// the result at the Location location names.
func Create[In, Out any](create func(r *http.Request, in In) (Out, error), location func(Out) string) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		var in In
		if err := DecodeJSON(r, &in); err != nil {
			return err
		}
		out, err := create(r, in)
		if err != nil {
			return err
		}
		if v := reflect.ValueOf(out); location != nil && (v.Kind() != reflect.Pointer || !v.IsNil()) {
			w.Header().Set("Location", location(out))
		}
		return WriteJSON(w, http.StatusCreated, out)
	}
}

// UpdateByID decodes a JSON body as In, applies it to the path's {id} and
// answers 200 with the result.
func UpdateByID[In, Out any](update func(r *http.Request, id int64, in In) (Out, error)) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		var in In
		if err := DecodeJSON(r, &in); err != nil {
			return err
		}
		out, err := update(r, id, in)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, out)
	}
}
