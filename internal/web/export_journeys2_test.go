package web

// SubjectLabelForTest exposes subjectLabel to the web_test package.
func SubjectLabelForTest(lang, col string) string { return subjectLabel(lang, col) }
