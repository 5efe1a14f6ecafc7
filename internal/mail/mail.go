// Package mail sends Kith's e-mail: the transactional messages that sign-up
// verification and password reset need now, and the campaign mail that later
// reuses the same Sender.
//
// A Sender delivers one Message. SMTPSender speaks SMTP to the server named by
// SMTP_URL; LogSender writes messages to the log so that a server without
// SMTP_URL still runs and a developer can still follow a verification link.
// Render turns a TemplateKind and a language into a ready Message.
package mail

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
)

// Message is one e-mail to one recipient.
//
// To is a single address, with or without a display name
// ("Ada <ada@example.com>"). Text and HTML are alternative renderings of the
// same body; at least one must be set, and a message with both is sent as
// multipart/alternative. Headers carries extra header fields such as
// List-Unsubscribe and List-Unsubscribe-Post; the fields the mailer writes
// itself (From, To, Subject, Date, Message-ID, the MIME fields and the like)
// cannot be set there.
type Message struct {
	To      string
	Subject string
	Text    string
	HTML    string
	Headers map[string]string
}

// Sender delivers messages. Implementations are safe for concurrent use.
//
// Send returns an error wrapping ErrInvalidMessage when the message itself is
// unusable, so a caller can tell a message that will never go out from a
// delivery that may succeed if tried again. When ctx ends first, the error
// wraps ctx.Err().
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrInvalidMessage is wrapped by every error that Send returns for a message
// that no server would accept: a bad recipient, a missing subject or body, or
// a header the caller may not set.
var ErrInvalidMessage = errors.New("mail: invalid message")

// reservedHeaders are written by the mailer from Message's own fields or by
// the MIME encoder; letting Headers override them would let a template or a
// campaign redirect mail or corrupt its structure.
var reservedHeaders = map[string]bool{
	"from":                      true,
	"sender":                    true,
	"to":                        true,
	"cc":                        true,
	"bcc":                       true,
	"subject":                   true,
	"date":                      true,
	"message-id":                true,
	"return-path":               true,
	"mime-version":              true,
	"content-type":              true,
	"content-transfer-encoding": true,
}

// validate reports why m cannot be sent, wrapping ErrInvalidMessage.
func (m Message) validate() error {
	if strings.TrimSpace(m.To) == "" {
		return fmt.Errorf("%w: no recipient", ErrInvalidMessage)
	}
	if strings.ContainsAny(m.To, "\r\n") {
		return fmt.Errorf("%w: recipient contains a line break", ErrInvalidMessage)
	}
	if _, err := netmail.ParseAddress(m.To); err != nil {
		return fmt.Errorf("%w: recipient %q: %v", ErrInvalidMessage, m.To, err)
	}
	if strings.TrimSpace(m.Subject) == "" {
		return fmt.Errorf("%w: no subject", ErrInvalidMessage)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return fmt.Errorf("%w: subject contains a line break", ErrInvalidMessage)
	}
	if m.Text == "" && m.HTML == "" {
		return fmt.Errorf("%w: no body", ErrInvalidMessage)
	}
	for name, value := range m.Headers {
		if !validHeaderName(name) {
			return fmt.Errorf("%w: header name %q is not a valid field name", ErrInvalidMessage, name)
		}
		if reservedHeaders[strings.ToLower(name)] {
			return fmt.Errorf("%w: header %q is set by the mailer", ErrInvalidMessage, name)
		}
		// A line break in a value would start a new header of the caller's
		// choosing (header injection).
		if strings.ContainsAny(value, "\r\n") {
			return fmt.Errorf("%w: header %q contains a line break", ErrInvalidMessage, name)
		}
	}
	return nil
}

// validHeaderName reports whether name is an RFC 5322 field name: printable
// US-ASCII other than the colon.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < '!' || c > '~' || c == ':' {
			return false
		}
	}
	return true
}
