BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB BBBBB BBBBBBBBB
BBBBB BBBBBBBBBB gettext(u'My benefits and money') BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBBBBBBBBB
XXXX gettext(u'My benefits and money') XXXXX
BB BBBBBBBBBBBBBBBBBBBB
  XXX gettext(u'Information about your benefits is private. First show that it is you.') XXXX
  XXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'Show that it is me') XXXXXXXX
BBBB
  BB BBBBBBBB
    XXXX gettext(u'Benefits you get') XXXXX
    XXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXBBB BBB BB BBBBBBBBXXXXXXXXXBBBBBBXXXXX
    XXXX gettext(u'Your money in %(month)s') SSSS SSSSS SS SSSSSSSSSXXXXX
    XXX gettext(u'Approved work: %(approved)s. Gigs you have taken or been offered: %(planned)s.') SSSSSSSS SSSSS SSSSSSSSSSSSS SSSS SSS SSSS SSSSS SS SSSS SSSSSSSS SSSSSSSSSSSSXXXX
    BBB BBBBB BB BBBBBBBBBBBBBBBBXXXFFFFFFFFFFFFFFFXXXXBBBBBB
    XXX gettext(u'These figures are an estimate. Kela and other payers decide.') XXXX
  BBBB
    XXX gettext(u'No benefits are written down for you. If you get a benefit, tell your instructor. Then we can tell you what a gig does to it.') XXXX
  BBBBB
  XXXX gettext(u'Who may see this') XXXXX
  BB BBBBBBBB
    BBB BBBBBBB BB BBBBBBBB
      XXX gettext(u'%(who)s may see: %(what)s.') SSSSSSS SSS SSSS SSSSSSSSS
      BB BBBBBBBBBBBBBBBBBBB gettext(u'Until %(day)s.') SSSSS SSSSSSSSBBBB gettext(u'Until you say no.') BBBBBXXXX
    BBBBBB
    XXX gettext(u'You can take your consent back at any time. Tell your instructor.') XXXX
  BBBB
    XXX gettext(u'You have not given consent. Only you see this information.') XXXX
  BBBBB
BBBBB
BBBBBBBB BBBBBBBBBBBBBB
