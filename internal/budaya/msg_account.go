package budaya

// Messages of accounts, sign-in and passwords. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgPasswordMustAlsoContain = Msg{
		id: "Kata sandi harus memuat juga: %s.",
		en: "The password must also contain: %s.",
	}
	MsgPasswordUpperCase = Msg{id: "huruf besar", en: "an upper-case letter"}
	MsgPasswordLowerCase = Msg{id: "huruf kecil", en: "a lower-case letter"}
	MsgPasswordDigit     = Msg{id: "angka", en: "a digit"}
	MsgPasswordSymbol    = Msg{id: "simbol", en: "a symbol"}
)
