package mail

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// iCalendar methods (RFC 5546).
const (
	MethodRequest = "REQUEST"
	MethodCancel  = "CANCEL"
)

// icalText escapes a TEXT value (RFC 5545, 3.3.11).
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// icalParam makes a parameter value (RFC 5545, 3.2): quoted when it holds
// ":", ";" or ","; a double quote cannot appear in one and is dropped.
func icalParam(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// icalFold writes one content line folded at 75 octets, never inside a UTF-8
// sequence, each line ended by CRLF (RFC 5545, 3.1).
func icalFold(b *strings.Builder, line string) {
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space of a continuation line counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

func icalTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// SessionUID is the UID of a session's calendar object: the same for every
// message about the session, so that an update or a cancellation replaces
// the entry the invitation made.
func (c Composer) SessionUID(s *budaya.AlignmentSession) string {
	return fmt.Sprintf("alignment-session-%d-%d@%s", s.ID, s.CreatedAt.Unix(), c.host())
}

func (c Composer) host() string {
	h := strings.TrimPrefix(strings.TrimPrefix(c.BaseURL, "https://"), "http://")
	if i := strings.IndexAny(h, "/:"); i >= 0 {
		h = h[:i]
	}
	if h == "" {
		return "budaya"
	}
	return h
}

// organizer is the sender of the invitations: the --mail-from address.
func (c Composer) organizer() (name, addr string) {
	if a, err := mail.ParseAddress(c.From); err == nil {
		name, addr = a.Name, a.Address
	} else {
		addr = "budaya@" + c.host()
	}
	if name == "" {
		name = "Budaya"
	}
	return name, addr
}

// Calendar is the iCalendar object of session s for attendee to: METHOD
// REQUEST for an invitation or a change, CANCEL for a cancellation. Times
// are written in UTC; calendars show them in the reader's zone.
func (c Composer) Calendar(s *budaya.AlignmentSession, method string, to store.Recipient, lang string) string {
	var b strings.Builder
	line := func(l string) { icalFold(&b, l) }
	line("BEGIN:VCALENDAR")
	line("PRODID:-//budaya//Leader Alignment Session//" + strings.ToUpper(lang))
	line("VERSION:2.0")
	line("CALSCALE:GREGORIAN")
	line("METHOD:" + method)
	line("BEGIN:VEVENT")
	line("UID:" + c.SessionUID(s))
	line("DTSTAMP:" + icalTime(c.now()))
	line(fmt.Sprintf("SEQUENCE:%d", s.Sequence))
	line("DTSTART:" + icalTime(s.StartsAt))
	line("DTEND:" + icalTime(s.EndsAt))
	line("SUMMARY:" + icalText(s.Title))
	place := s.Place
	if s.OnlineURL != "" {
		if place != "" {
			place += " / "
		}
		place += s.OnlineURL
	}
	if place != "" {
		line("LOCATION:" + icalText(place))
	}
	desc := s.Agenda
	if desc != "" {
		desc += "\n\n"
	}
	desc += c.url(fmt.Sprintf("/alignment/%d", s.ID))
	line("DESCRIPTION:" + icalText(desc))
	line("URL:" + c.url(fmt.Sprintf("/alignment/%d", s.ID)))
	name, addr := c.organizer()
	line("ORGANIZER;CN=" + icalParam(name) + ":mailto:" + addr)
	line("ATTENDEE;CN=" + icalParam(to.Name) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:" + to.Email)
	if method == MethodCancel {
		line("STATUS:CANCELLED")
	} else {
		line("STATUS:CONFIRMED")
	}
	line("TRANSP:OPAQUE")
	line("END:VEVENT")
	line("END:VCALENDAR")
	return b.String()
}

// calendarMethod reads the METHOD of an iCalendar object ("" when none).
func calendarMethod(ics string) string {
	for _, l := range strings.Split(ics, "\r\n") {
		if v, ok := strings.CutPrefix(l, "METHOD:"); ok {
			return v
		}
	}
	return ""
}
