BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB BBBBB
BBBBB BBBBBBBBBB gettext(u'Commission work and unemployment benefit') BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBBBBBXXXXX XXXXXXXXXXXXXXXX XXXXXXBBBBBB BBBBBBBBBBBBBBBXXBBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Commission work and unemployment benefit') XXXXX
XX XXXXXXXXXXXXX  X FFFFFFFFFFFFFFFFFF X XXXX
XXX gettext(u'This gig is done on a commission contract. For a person on unemployment benefit, commission work counts as self-employment:') XXXX
XXXX
  XXXX gettext(u'the worker must report it to employment services;') XXXXX
  XXXX gettext(u"the benefit can stop while it is investigated (about 30 days in the pilot's experience);") XXXXX
  XXXX gettext(u'commission income over the YEL lower limit in a year needs self-employed pension insurance.') XXXXX
XXXXX
XXX gettext(u'Consider an employment contract or the partner model instead. If the worker still wants this gig after you explained this, record it here.') XXXX
XXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXX
  BBBBBBBBBB
  BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB
  BBB BBBBB BB BBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB
  XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX gettext(u'Record') XXXXXXXXX
XXXXXXX
BBBBBBBB BBBBBBB
