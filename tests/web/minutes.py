"""Fictional minutes for the web tests: an invented force, board and people.

`QUIET` is ordinary minutes; `HOSTILE` hides markup in entity form, which the text reader
turns back into literal `<script>` and `<a href="javascript:...">` in the document's text
and in the extracted facts, where the site must show it as text.
"""

from __future__ import annotations

QUIET = """Wexmoor Police Accountability Board – Minutes

Date: Tuesday 5 March 2024, 10:00
Chair: Rowan Pryce
Venue: Ashgrove Hall

Present:
Rowan Pryce, Police and Crime Commissioner (PCC)
Imogen Stroud, Chief Constable (CC)
Felix Danbury, Chief Executive, OPCC (CEO)

Apologies: Nadia Orme, Deputy Chief Constable (DCC)

1. Neighbourhood policing
The CC reported that 999 calls answered within 10 seconds rose to 91% against a target of 90%.
ACTION: CC to report on rural patrol hours by 30 April 2024.
The CC said the force would publish its neighbourhood plan by June 2024.

2. Budget
RESOLVED: The Board approved the revised estates plan.

Next meeting: Tuesday 4 June 2024 at 10:00, Ashgrove Hall.
"""

LATER = """Wexmoor Police Performance Meeting – Minutes

Date: Thursday 6 June 2024, 14:00
Chair: Rowan Pryce
Venue: Ashgrove Hall

Present:
Rowan Pryce, Police and Crime Commissioner (PCC)
Imogen Stroud, Chief Constable (CC)

1. Road safety
The CC described the speed awareness campaign on the Marrow bypass.
ACTION: CEO to publish the road safety survey results by 31 December 2024.

Next meeting: Thursday 5 September 2024 at 14:00, Ashgrove Hall.
"""

SCRIPT = "<script>alert(1)</script>"
LINK = '<a href="javascript:alert(2)">click</a>'
HOSTILE = "\n".join(
    [
        "Wexmoor Police Accountability Board &lt;img src=x onerror=alert(5)&gt; – Minutes",
        "",
        "Date: Tuesday 12 March 2024, 10:00",
        "Chair: Rowan Pryce",
        "Venue: Ashgrove Hall",
        "",
        "Present:",
        "Rowan Pryce, Police and Crime Commissioner (PCC)",
        "Imogen Stroud, Chief Constable (CC)",
        "",
        "1. Hostile content &lt;script&gt;alert(0)&lt;/script&gt;",
        "ACTION: CC to report on &lt;script&gt;alert(1)&lt;/script&gt; and "
        '&lt;a href="javascript:alert(2)"&gt;click&lt;/a&gt; by 30 April 2024.',
        'RESOLVED: =HYPERLINK("javascript:alert(3)") was noted.',
        "",
        "Next meeting: Tuesday 4 June 2024 at 10:00, Ashgrove Hall.",
        "",
    ]
)
