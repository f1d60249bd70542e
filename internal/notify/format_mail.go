package notify

import (
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/tipsom/tipsom/internal/web"
)

// MessageOf builds the MIME message of an outbox row: plain text and HTML
// alternatives in the recipient's language (Content-Language), with
// List-Unsubscribe on digests. go-mail writes the MIME; nothing here does.
func MessageOf(m *Mail, from string, now time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8))
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("from %q: %w", from, err)
	}
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDateWithValue(now)
	msg.SetMessageIDWithValue(fmt.Sprintf("tipsom-mail-%d.%d@tipsom", m.ID, m.Created.Unix()))
	msg.SetGenHeader(gomail.HeaderContentLang, m.Lang)
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if m.Unsubscribe != "" {
		msg.SetListUnsubscribe(m.Unsubscribe)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// mailItem is one line of a mail: a notice's title and the link to its
// object.
type mailItem struct {
	Title, Link string
}

// mailData is what the mail templates receive.
type mailData struct {
	*web.Localizer
	Subject     string
	Name        string
	Items       []mailItem
	Action      string // a call to action (the reset link's label), with ActionLink
	ActionLink  string
	Preferences string
}

var (
	mailText = texttemplate.Must(texttemplate.ParseFS(templates, "templates/mail/mail.txt"))
	mailHTML = htmltemplate.Must(htmltemplate.ParseFS(templates, "templates/mail/mail.html"))
)

// renderMail writes the text and HTML bodies of d.
func renderMail(d mailData) (text, html string, err error) {
	var tb, hb strings.Builder
	if err := mailText.Execute(&tb, d); err != nil {
		return "", "", fmt.Errorf("mail text: %w", err)
	}
	if err := mailHTML.Execute(&hb, d); err != nil {
		return "", "", fmt.Errorf("mail html: %w", err)
	}
	return tb.String(), hb.String(), nil
}

// NoticeTitle renders a notice's message in l's language.
func NoticeTitle(l *web.Localizer, n *Notice) string {
	args := make([]any, 0, 2*len(n.Params))
	for k, v := range n.Params {
		args = append(args, k, localParam(l, k, v))
	}
	return l.T(n.Key, args...)
}

// localParam renders one parameter of a notice or a task in l's
// language: a "Country" is an ISO3 code, shown as the country's name; a
// value that starts with "@" is a catalogue key ("@treaty.instrument_short.untoc");
// anything else is shown as it is (a round's name, a date).
func localParam(l *web.Localizer, name string, v any) any {
	s, ok := v.(string)
	switch {
	case !ok:
		return v
	case name == "Country" && len(s) == 3:
		return l.Place(s)
	case strings.HasPrefix(s, "@"):
		return l.T(s[1:])
	}
	return s
}
