package web

// OrgMessagesForTest exposes the organisation texts to the external tests.
func OrgMessagesForTest() map[string][2]string { return orgMessages }
