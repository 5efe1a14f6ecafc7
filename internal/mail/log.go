package mail

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
)

// LogSender is the Sender for a server without SMTP_URL: instead of
// delivering a message it logs it, so sign-up and password reset still work
// on a developer's machine and the link can be copied from the log.
//
// It logs the recipient, the subject and the text body (the HTML body only
// when there is no text one), and of the extra headers only their names: their
// values may hold unsubscribe tokens, which are secrets. It is safe for
// concurrent use.
type LogSender struct {
	logger *slog.Logger
}

// NewLogSender returns a LogSender writing to logger, or to slog.Default()
// when logger is nil.
func NewLogSender(logger *slog.Logger) *LogSender {
	if logger == nil {
		logger = slog.Default()
	}
	return &LogSender{logger: logger}
}

// Send logs m at Info level. It returns an error wrapping ErrInvalidMessage
// for a message that SMTPSender would refuse, so a mistake shows up in
// development rather than first in production, and ctx.Err() when ctx has
// already ended.
func (l *LogSender) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mail: log message: %w", err)
	}
	if err := m.validate(); err != nil {
		return err
	}
	attrs := []slog.Attr{
		slog.String("to", m.To),
		slog.String("subject", m.Subject),
	}
	if m.Text != "" {
		attrs = append(attrs, slog.String("text", m.Text))
	} else {
		attrs = append(attrs, slog.String("html", m.HTML))
	}
	if len(m.Headers) > 0 {
		attrs = append(attrs, slog.Any("headers", slices.Sorted(maps.Keys(m.Headers))))
	}
	l.logger.LogAttrs(ctx, slog.LevelInfo, "mail not sent (SMTP_URL is not set); logged instead", attrs...)
	return nil
}

// NewSender returns the Sender for the given SMTP_URL: an SMTPSender sending
// as from when smtpURL is set, and otherwise a LogSender on logger (or
// slog.Default() when logger is nil), after warning there that mail will only
// be logged. It returns an error for a malformed smtpURL, and for an invalid
// from address even when smtpURL is empty, so a bad setting is caught before
// it reaches production.
func NewSender(smtpURL, from string, logger *slog.Logger) (Sender, error) {
	if smtpURL == "" {
		if err := checkFrom(from); err != nil {
			return nil, err
		}
		ls := NewLogSender(logger)
		ls.logger.Warn("SMTP_URL is not set: mail will be written to the log, not sent")
		return ls, nil
	}
	s, err := NewSMTPSender(smtpURL, from)
	if err != nil {
		// A nil *SMTPSender inside a non-nil Sender would pass a nil check.
		return nil, err
	}
	return s, nil
}
