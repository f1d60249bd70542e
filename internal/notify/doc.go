// Package notify is the plumbing that tells each person what to do next:
// the tasks every room declares for the signed-in user (shown on /home),
// notices (in the app, and by e-mail immediately or in a daily digest),
// the e-mail outbox delivered over SMTP by a background worker, and the
// mails other plumbing sends, such as password reset links.
//
// A notice stores its message key and parameters, never text: it is
// rendered in the recipient's language when shown or mailed. No mail
// carries more personal data than the recipient's own name: messages link
// to their object, they do not quote it.
package notify
