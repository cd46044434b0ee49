package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// maxJSONBody bounds the body of every JSON API request: the largest (an
// activity with its budget lines, 21 answers with comments) fit many times.
const maxJSONBody = 1 << 20

// decodeJSON reads the JSON body of r into v for every JSON API handler: one
// object of at most maxJSONBody bytes, without unknown fields. Each way it can
// fail has one bilingual message that says what to fix; a body over the limit
// answers 413 and says how much may be sent.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return budaya.Invalid("", budaya.MsgSendRequestBodyJSON)
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// Only white space may follow the object.
		if err = dec.Decode(&json.RawMessage{}); err == io.EOF {
			return nil
		}
		if err == nil {
			return budaya.Invalid("", budaya.MsgSendOneJSONObject)
		}
	}
	return jsonBodyError(err)
}

// jsonBodyError turns an error of decoding a request body into the message for the client.
func jsonBodyError(err error) error {
	var tooBig *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return budaya.Errorf(budaya.ETOOLARGE,
			budaya.MsgRequestBodyTooLarge, maxJSONBody>>20)
	case errors.Is(err, io.EOF):
		return budaya.Invalid("", budaya.MsgRequestBodyEmptySend)
	case errors.As(err, &syn):
		return budaya.Invalid("", budaya.MsgRequestBodyNotValid, syn.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return budaya.Invalid("", budaya.MsgRequestBodyNotValidJSON)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return budaya.Invalid("", budaya.MsgRequestBodyMustBeOneJSON)
		}
		id, en := jsonKind(typ.Type)
		return &budaya.Error{Code: budaya.EINVALID, Field: typ.Field,
			Message:   fmt.Sprintf("Kolom %q bertipe salah: harus %s.", typ.Field, id),
			MessageEN: fmt.Sprintf("The field %q has the wrong type: it must be %s.", typ.Field, en)}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return budaya.Invalid(name, budaya.MsgFieldNotKnownJSON, name)
	}
	return budaya.Invalid("", budaya.MsgRequestBodyCouldNotBeRead)
}

// jsonKind names, in Indonesian and English, the JSON kind a Go type takes.
func jsonKind(t reflect.Type) (string, string) {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "bilangan bulat tanpa desimal (jumlah rupiah juga)", "a whole number without decimals (rupiah amounts too)"
	case reflect.Float32, reflect.Float64:
		return "angka", "a number"
	case reflect.String:
		return "teks dalam tanda kutip", "text in quotes"
	case reflect.Bool:
		return "true atau false", "true or false"
	case reflect.Slice, reflect.Array:
		return "daftar [...]", "a list [...]"
	default:
		return "objek {...}", "an object {...}"
	}
}
