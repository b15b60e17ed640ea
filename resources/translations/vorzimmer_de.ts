<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../ui/admin/window.py" line="69"/>
        <source>Clients and callers — Vorzimmer</source>
        <translation>Mandanten und Anrufer — Vorzimmer</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="88"/>
        <location filename="../../ui/admin/window.py" line="287"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="89"/>
        <source>Numbers</source>
        <translation>Nummern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="90"/>
        <source>Hours</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="91"/>
        <location filename="../../ui/admin/window.py" line="289"/>
        <source>Scripts</source>
        <translation>Skripte</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="92"/>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="93"/>
        <source>FAQ</source>
        <translation>FAQ</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="94"/>
        <source>Callers</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="152"/>
        <source>Import and export</source>
        <translation>Import und Export</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="164"/>
        <source>Clients from CSV …</source>
        <translation>Mandanten aus CSV …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="167"/>
        <source>Callers of this client from CSV or vCard …</source>
        <translation>Anrufer dieses Mandanten aus CSV oder vCard …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="172"/>
        <source>Shared callers from CSV or vCard …</source>
        <translation>Gemeinsame Anrufer aus CSV oder vCard …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="177"/>
        <source>Clients to CSV …</source>
        <translation>Mandanten als CSV …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="180"/>
        <source>Callers of this client to CSV or vCard …</source>
        <translation>Anrufer dieses Mandanten als CSV oder vCard …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="185"/>
        <source>Shared callers to CSV or vCard …</source>
        <translation>Gemeinsame Anrufer als CSV oder vCard …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="192"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="197"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="236"/>
        <source>Nothing was imported.</source>
        <translation>Es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="274"/>
        <source>New client</source>
        <translation>Neuer Mandant</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="276"/>
        <source>No client selected — pick one, click New or import a CSV file</source>
        <translation>Kein Mandant ausgewählt — Mandant wählen, „Neu“ klicken oder CSV-Datei importieren</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="299"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="300"/>
        <source>Unsaved changes in: {0}. Discard them?</source>
        <translation>Ungespeicherte Änderungen in: {0}. Verwerfen?</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="329"/>
        <source>Client {0} created — now add its numbers.</source>
        <translation>Mandant {0} angelegt — fügen Sie jetzt seine Nummern hinzu.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="345"/>
        <source>Delete the client {0} ({1})?

This deletes its {2} number(s), scripts, hours, {3} staff member(s), FAQ and {4} caller(s). It cannot be undone — export its callers first if you may need them.

The {5} logged call(s) and their notes stay in the history, no longer linked to a client.</source>
        <translation>Mandant {0} ({1}) löschen?

Dabei werden seine {2} Nummer(n), Skripte, Geschäftszeiten, {3} Mitarbeiter, die FAQ und {4} Anrufer gelöscht. Das lässt sich nicht rückgängig machen — exportieren Sie vorher seine Anrufer, falls Sie sie noch brauchen.

Die {5} protokollierten Anrufe und ihre Notizen bleiben im Verlauf, aber ohne Zuordnung zu einem Mandanten.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="362"/>
        <source>Client {0} deleted.</source>
        <translation>Mandant {0} gelöscht.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="368"/>
        <source>Delete client</source>
        <translation>Mandant löschen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="387"/>
        <source>Please wait until the import has finished.</source>
        <translation>Bitte warten Sie, bis der Import abgeschlossen ist.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../ui/app.py" line="160"/>
        <source>The database cannot be opened</source>
        <translation>Die Datenbank lässt sich nicht öffnen</translation>
    </message>
</context>
<context>
    <name>AppointmentsBox</name>
    <message>
        <location filename="../../ui/booking_lists.py" line="45"/>
        <source>Move…</source>
        <translation>Verlegen…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_lists.py" line="48"/>
        <source>Cancel…</source>
        <translation>Absagen…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_lists.py" line="53"/>
        <source>Choose a new slot for this appointment, same entry ({0})</source>
        <translation>Einen neuen Termin für diesen Eintrag wählen, derselbe Eintrag ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/booking_lists.py" line="58"/>
        <source>Cancel this appointment, asks first ({0})</source>
        <translation>Diesen Termin absagen, mit Rückfrage ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/booking_lists.py" line="66"/>
        <source>This caller&apos;s appointments:</source>
        <translation>Termine dieses Anrufers:</translation>
    </message>
</context>
<context>
    <name>AttemptsDialog</name>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="102"/>
        <source>Attempts: %1 %2</source>
        <translation>Zustellversuche: %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="108"/>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="108"/>
        <source>Via</source>
        <translation>Über</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="108"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="108"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="109"/>
        <source>Server&apos;s answer</source>
        <translation>Antwort des Servers</translation>
    </message>
</context>
<context>
    <name>BookingPanel</name>
    <message>
        <location filename="../../ui/booking_panel.py" line="97"/>
        <source>Book appointment</source>
        <translation>Termin buchen</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="113"/>
        <source>{0} ({1} min)</source>
        <translation>{0} ({1} Min.)</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="127"/>
        <source>&amp;Book</source>
        <translation>&amp;Buchen</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="130"/>
        <source>Move &amp;here</source>
        <translation>&amp;Hierhin verlegen</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="133"/>
        <source>&amp;Keep as it is</source>
        <translation>So &amp;lassen</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="160"/>
        <source>Type:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="161"/>
        <source>With:</source>
        <translation>Bei:</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="162"/>
        <source>Free slots:</source>
        <translation>Freie Termine:</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="163"/>
        <source>Caller name:</source>
        <translation>Name des Anrufers:</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="164"/>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="165"/>
        <source>E-mail:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="202"/>
        <source>Anyone who offers this type</source>
        <translation>Alle, die diese Terminart anbieten</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="228"/>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="228"/>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="228"/>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="228"/>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="228"/>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="229"/>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="229"/>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="245"/>
        <source>pending: not written yet</source>
        <translation>vorgemerkt: noch nicht eingetragen</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="249"/>
        <source>the caller</source>
        <translation>den Anrufer</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="250"/>
        <source>NOT BOOKED — the slot was taken meanwhile: {0}.</source>
        <translation>NICHT GEBUCHT — die Zeit wurde inzwischen vergeben: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="254"/>
        <source>Reason: {0}.</source>
        <translation>Grund: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="256"/>
        <source>Call {0} back on {1}.</source>
        <translation>{0} unter {1} zurückrufen.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="258"/>
        <source>Tell {0}.</source>
        <translation>{0} Bescheid geben.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="271"/>
        <source>No free slot within the booking horizon.</source>
        <translation>Kein freier Termin im buchbaren Zeitraum.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="293"/>
        <source>The calendar server refused the user name or password.</source>
        <translation>Der Kalenderserver hat Benutzername oder Passwort abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="295"/>
        <source>The calendar server refused the request ({0}).</source>
        <translation>Der Kalenderserver hat die Anfrage abgelehnt ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="297"/>
        <source>A calendar of this client cannot be read ({0}).</source>
        <translation>Ein Kalender dieses Mandanten ist nicht lesbar ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="300"/>
        <source>The calendar server cannot be reached: nothing was changed.</source>
        <translation>Der Kalenderserver ist nicht erreichbar: nichts wurde geändert.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="301"/>
        <source>The calendar server cannot be reached.</source>
        <translation>Der Kalenderserver ist nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="303"/>
        <source>The calendar says: {0}</source>
        <translation>Der Kalender meldet: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="305"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation>Etwas ist schiefgegangen; Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="313"/>
        <source>This client has no appointment types yet.</source>
        <translation>Für diesen Mandanten gibt es noch keine Terminarten.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="325"/>
        <source>Searching free slots…</source>
        <translation>Suche freie Termine …</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="338"/>
        <source>Calendar server unreachable; never synced.</source>
        <translation>Kalenderserver nicht erreichbar; noch nie abgeglichen.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="341"/>
        <source>Calendar server unreachable; calendar as of {0}.</source>
        <translation>Kalenderserver nicht erreichbar; Kalenderstand {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="347"/>
        <source>Calendar as of {0}</source>
        <translation>Kalenderstand {0}</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="383"/>
        <source>The e-mail address {0} is not valid; nothing was changed.</source>
        <translation>Die E-Mail-Adresse {0} ist ungültig; nichts wurde geändert.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="400"/>
        <source>Enter the caller&apos;s name first.</source>
        <translation>Bitte zuerst den Namen des Anrufers eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="419"/>
        <source>Booking {0}…</source>
        <translation>Buche {0} …</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="427"/>
        <source>Appointment pending (calendar unreachable): {0} with {1} ({2})</source>
        <translation>Termin vorgemerkt (Kalender nicht erreichbar): {0} bei {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="429"/>
        <source>Appointment booked: {0} with {1} ({2})</source>
        <translation>Termin gebucht: {0} bei {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="442"/>
        <source>PENDING — the server is unreachable; written when it answers: {0}</source>
        <translation>VORGEMERKT — der Server ist nicht erreichbar; wird eingetragen, sobald er antwortet: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="449"/>
        <source>No confirmation sent: the booking is not in the calendar yet.</source>
        <translation>Keine Bestätigung verschickt: der Termin steht noch nicht im Kalender.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="465"/>
        <source>Taken: someone else booked this slot just now. Fresh slots below.</source>
        <translation>Vergeben: Jemand anderes hat diesen Termin gerade gebucht. Neue freie Termine unten.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="491"/>
        <source>Searching free slots to move {0}…</source>
        <translation>Suche freie Zeiten zum Verlegen von {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="505"/>
        <source>Moving {0}: choose the new slot, then Move here.</source>
        <translation>{0} verlegen: neue Zeit wählen, dann „Hierhin verlegen“.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="538"/>
        <source>Moving to {0}…</source>
        <translation>Verlege auf {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="545"/>
        <source>Moved to {0}</source>
        <translation>Verlegt auf {0}</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="547"/>
        <source>(was {0})</source>
        <translation>(vorher {0})</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="558"/>
        <source>Taken: someone else booked this slot just now; the appointment was not moved. Fresh slots below.</source>
        <translation>Vergeben: jemand anderes hat diese Zeit gerade gebucht; der Termin wurde nicht verlegt. Neue freie Zeiten unten.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="574"/>
        <source>Cancel appointment</source>
        <translation>Termin absagen</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="575"/>
        <source>Cancel the appointment {0}?</source>
        <translation>Den Termin {0} absagen?</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="604"/>
        <source>Cancelling {0}…</source>
        <translation>Sage {0} ab…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="611"/>
        <source>Cancelled: {0}</source>
        <translation>Abgesagt: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="634"/>
        <source>Queueing the confirmation…</source>
        <translation>Bestätigung wird eingereiht…</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="650"/>
        <source>No confirmation: no caller address, and the client receives none.</source>
        <translation>Keine Bestätigung: keine Adresse des Anrufers, und der Mandant erhält keine.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="655"/>
        <source>Confirmation queued to {0}.</source>
        <translation>Bestätigung eingereiht an {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="663"/>
        <source>details in the log</source>
        <translation>Einzelheiten im Protokoll</translation>
    </message>
    <message>
        <location filename="../../ui/booking_panel.py" line="664"/>
        <source>The confirmation was not queued: {0}</source>
        <translation>Die Bestätigung wurde nicht eingereiht: {0}</translation>
    </message>
</context>
<context>
    <name>BreakDialog</name>
    <message>
        <location filename="../../ui/seat_selector.py" line="39"/>
        <source>Take a break</source>
        <translation>Pause machen</translation>
    </message>
    <message>
        <location filename="../../ui/seat_selector.py" line="50"/>
        <source>Reason for the break:</source>
        <translation>Grund für die Pause:</translation>
    </message>
</context>
<context>
    <name>CallArea</name>
    <message>
        <location filename="../../ui/call_area.py" line="26"/>
        <source>No calls.</source>
        <translation>Keine Anrufe.</translation>
    </message>
    <message>
        <location filename="../../ui/call_area.py" line="86"/>
        <source>Number or SIP address:</source>
        <translation>Nummer oder SIP-Adresse:</translation>
    </message>
    <message>
        <location filename="../../ui/call_area.py" line="90"/>
        <source>Blind transfer</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <location filename="../../ui/call_area.py" line="95"/>
        <source>Consult before transfer</source>
        <translation>Rücksprache vor dem Verbinden</translation>
    </message>
</context>
<context>
    <name>CallCard</name>
    <message>
        <location filename="../../ui/call_card.py" line="60"/>
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="62"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="63"/>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="65"/>
        <source>Hold</source>
        <translation>Halten</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="69"/>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="73"/>
        <source>Transfer…</source>
        <translation>Weiterleiten…</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="74"/>
        <source>Consult…</source>
        <translation>Rücksprache…</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="75"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="78"/>
        <source>DTMF</source>
        <translation>DTMF</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="149"/>
        <source>Ringing…</source>
        <translation>Klingelt…</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="151"/>
        <source>Calling…</source>
        <translation>Wählt…</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="154"/>
        <source>Connected {0}</source>
        <translation>Verbunden {0}</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="156"/>
        <source>on hold</source>
        <translation>gehalten</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="158"/>
        <source>held by the other side</source>
        <translation>von der Gegenseite gehalten</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="160"/>
        <source>muted</source>
        <translation>stumm</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="162"/>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="166"/>
        <source>Transfer: {0}</source>
        <translation>Weiterleitung: {0}</translation>
    </message>
</context>
<context>
    <name>CallersTab</name>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="43"/>
        <source>Search name, company, notes or number …</source>
        <translation>Name, Firma, Notizen oder Nummer suchen …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Numbers</source>
        <translation>Nummern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Flags</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="78"/>
        <source>how to address them, e.g. Herr Dr. Krause</source>
        <translation>Anrede, z. B. Herr Dr. Krause</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="81"/>
        <source>numbers, separated by commas</source>
        <translation>Nummern, durch Kommas getrennt</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="84"/>
        <location filename="../../ui/admin/callers_tab.py" line="166"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="86"/>
        <source>Blocked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="88"/>
        <source>Shared by all clients</source>
        <translation>Für alle Mandanten gemeinsam</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="95"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="96"/>
        <source>Company:</source>
        <translation>Firma:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="97"/>
        <source>Salutation:</source>
        <translation>Anrede:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="98"/>
        <source>Numbers:</source>
        <translation>Nummern:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="99"/>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="103"/>
        <source>New caller</source>
        <translation>Neuer Anrufer</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="106"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="109"/>
        <location filename="../../ui/admin/callers_tab.py" line="208"/>
        <source>Save caller</source>
        <translation>Anrufer speichern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="166"/>
        <source>blocked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="174"/>
        <source>shared</source>
        <translation>gemeinsam</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="180"/>
        <source>{0} of {1} shown</source>
        <translation>{0} von {1} angezeigt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/admin/callers_tab.py" line="182"/>
        <source>%n caller(s)</source>
        <translation>
            <numerusform>%n Anrufer</numerusform>
            <numerusform>%n Anrufer</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="208"/>
        <source>Add caller</source>
        <translation>Anrufer hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="258"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="277"/>
        <source>Caller {0} deleted.</source>
        <translation>Anrufer {0} gelöscht.</translation>
    </message>
</context>
<context>
    <name>ClientList</name>
    <message>
        <location filename="../../ui/admin/client_list.py" line="33"/>
        <source>Search clients …</source>
        <translation>Mandanten suchen …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="38"/>
        <source>Code</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="38"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="51"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="54"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>ColleaguesPanel</name>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="40"/>
        <source>&amp;Pick up</source>
        <translation>&amp;Heranholen</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="42"/>
        <source>Transfer my call &amp;here</source>
        <translation>Meinen Anruf hierher &amp;verbinden</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="76"/>
        <source>Choose a colleague&apos;s seat.</source>
        <translation>Wählen Sie den Platz einer Kollegin oder eines Kollegen.</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="78"/>
        <source>A call is ringing at this seat alone: pick it up here.</source>
        <translation>An diesem Platz klingelt ein Anruf nur dort: Sie können ihn hier heranholen.</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="82"/>
        <source>Only a call ringing at one seat alone (for its user, or transferred there) can be picked up. An office call rings at every seat: answer it here.</source>
        <translation>Heranholen lässt sich nur ein Anruf, der an einem einzigen Platz klingelt (für dessen Benutzer oder dorthin verbunden). Ein Büroanruf klingelt an allen Plätzen: Nehmen Sie ihn hier an.</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="92"/>
        <source>Picking up… the call rings here in a moment.</source>
        <translation>Wird herangeholt … der Anruf klingelt gleich hier.</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="99"/>
        <source>Your call is being transferred.</source>
        <translation>Ihr Anruf wird verbunden.</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="104"/>
        <source>{0} is picking up this call.</source>
        <translation>{0} holt diesen Anruf bereits heran.</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="107"/>
        <source>This seat has no account at the office&apos;s SIP server: set it in Settings.</source>
        <translation>Dieser Platz hat kein Konto beim SIP-Server des Büros: Legen Sie es in den Einstellungen fest.</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_panel.py" line="110"/>
        <source>No call is ringing at that seat any more.</source>
        <translation>An diesem Platz klingelt kein Anruf mehr.</translation>
    </message>
</context>
<context>
    <name>ColleaguesView</name>
    <message>
        <location filename="../../ui/colleagues_view.py" line="44"/>
        <source>Seat</source>
        <translation>Platz</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="44"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="44"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="44"/>
        <source>Call</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="99"/>
        <location filename="../../ui/colleagues_view.py" line="102"/>
        <source>an unknown caller</source>
        <translation>einem unbekannten Anrufer</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="100"/>
        <source>ringing: {0}</source>
        <translation>klingelt: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="104"/>
        <source>talking to {0} for {1}</source>
        <translation>spricht mit {0} für {1}</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="105"/>
        <source>talking to {0}</source>
        <translation>spricht mit {0}</translation>
    </message>
    <message>
        <location filename="../../ui/colleagues_view.py" line="116"/>
        <source>{0} (this seat)</source>
        <translation>{0} (dieser Platz)</translation>
    </message>
</context>
<context>
    <name>ConfirmationRow</name>
    <message>
        <location filename="../../ui/booking_confirmation.py" line="22"/>
        <source>name@example.com (optional)</source>
        <translation>name@beispiel.de (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/booking_confirmation.py" line="23"/>
        <source>Send &amp;confirmation</source>
        <translation>Bes&amp;tätigung senden</translation>
    </message>
    <message>
        <location filename="../../ui/booking_confirmation.py" line="26"/>
        <source>E-mail the appointment with a calendar file to the caller and the client</source>
        <translation>Den Termin mit Kalenderdatei an Anrufer und Mandant mailen</translation>
    </message>
</context>
<context>
    <name>ConflictsBox</name>
    <message>
        <location filename="../../ui/booking_lists.py" line="157"/>
        <source>Acknowledge</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location filename="../../ui/booking_lists.py" line="159"/>
        <source>The caller has been told; stop listing this conflict</source>
        <translation>Der Anrufer ist informiert; diesen Konflikt nicht mehr anzeigen</translation>
    </message>
</context>
<context>
    <name>DeliveriesView</name>
    <message>
        <location filename="../../ui/deliveries_view.py" line="84"/>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="86"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="87"/>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="88"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="89"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="94"/>
        <location filename="../../ui/deliveries_view.py" line="180"/>
        <source>All clients</source>
        <translation>Alle Mandanten</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="111"/>
        <source>Resend…</source>
        <translation>Erneut senden…</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="113"/>
        <source>Show attempts</source>
        <translation>Zustellversuche anzeigen</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="115"/>
        <source>Open PDF</source>
        <translation>PDF öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="117"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="228"/>
        <source>Delivered %1: %2</source>
        <translation>Zugestellt am %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="231"/>
        <source>Next attempt %1</source>
        <translation>Nächster Versuch am %1</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="301"/>
        <source>No PDF viewer could open %1</source>
        <translation>Kein PDF-Betrachter konnte %1 öffnen</translation>
    </message>
</context>
<context>
    <name>DeliveryJobsModel</name>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="33"/>
        <source>Client</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="34"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="35"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="36"/>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="37"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="38"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="39"/>
        <source>Last server reply</source>
        <translation>Letzte Serverantwort</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="40"/>
        <source>Sent at</source>
        <translation>Gesendet am</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="43"/>
        <source>Daily report</source>
        <translation>Tagesbericht</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="44"/>
        <source>Call note</source>
        <translation>Anrufnotiz</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="45"/>
        <source>Appointment confirmation</source>
        <translation>Terminbestätigung</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="48"/>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="49"/>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="50"/>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_jobs_model.py" line="51"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>DialPad</name>
    <message>
        <location filename="../../ui/dial_pad.py" line="19"/>
        <source>Number or SIP address</source>
        <translation>Nummer oder SIP-Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/dial_pad.py" line="29"/>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
</context>
<context>
    <name>EngineMessages</name>
    <message>
        <location filename="../../ui/engine_messages.py" line="19"/>
        <source>The ringing device cannot be used, so calls ring on the screen only. Choose another ringing device in Settings.</source>
        <translation>Das Gerät für den Klingelton lässt sich nicht verwenden, Anrufe klingeln deshalb nur auf dem Bildschirm. Wählen Sie in den Einstellungen ein anderes Gerät für den Klingelton.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_messages.py" line="24"/>
        <source>The headset or microphone cannot be used. Check that it is plugged in and chosen in Settings; until then calls have no sound.</source>
        <translation>Headset oder Mikrofon lassen sich nicht verwenden. Prüfen Sie, ob es eingesteckt und in den Einstellungen ausgewählt ist; bis dahin haben Gespräche keinen Ton.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_messages.py" line="29"/>
        <source>The phone cannot receive calls: its network port is in use or its address is wrong. Close other phone programs or choose another port in Settings.</source>
        <translation>Das Telefon kann keine Anrufe empfangen: Sein Netzwerk-Port ist belegt oder seine Adresse stimmt nicht. Schließen Sie andere Telefonprogramme oder wählen Sie in den Einstellungen einen anderen Port.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_messages.py" line="34"/>
        <source>The phone could not do that with this call just now. Please try again in a moment.</source>
        <translation>Das Telefon konnte das mit diesem Gespräch gerade nicht ausführen. Bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_messages.py" line="38"/>
        <source>The phone did not carry out the last action. Please try again; if it happens again, tell your administrator.</source>
        <translation>Das Telefon hat die letzte Aktion nicht ausgeführt. Bitte versuchen Sie es noch einmal; wenn es wieder passiert, sagen Sie Ihrer Administration Bescheid.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>Something went wrong. Nothing was lost: your notes are kept as drafts and calls go on.

You can keep working. If it happens again, please tell your administrator; the details are in the log.</source>
        <translation>Etwas ist schiefgegangen. Es ist nichts verloren: Ihre Notizen sind als Entwürfe gesichert und die Gespräche laufen weiter.

Sie können weiterarbeiten. Wenn es wieder passiert, sagen Sie bitte Ihrer Administration Bescheid; die Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="116"/>
        <source>Vorzimmer</source>
        <translation>Vorzimmer</translation>
    </message>
</context>
<context>
    <name>FaqTab</name>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="43"/>
        <source>Question:</source>
        <translation>Frage:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="44"/>
        <source>Answer:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="46"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="48"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="50"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="111"/>
        <source>Please enter a question and its answer.</source>
        <translation>Bitte geben Sie eine Frage und ihre Antwort ein.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="130"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="148"/>
        <source>Question deleted.</source>
        <translation>Frage gelöscht.</translation>
    </message>
</context>
<context>
    <name>FileExchange</name>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="74"/>
        <source>Import clients</source>
        <translation>Mandanten importieren</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="80"/>
        <source>Import callers</source>
        <translation>Anrufer importieren</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="94"/>
        <source>Importing {0} …</source>
        <translation>{0} wird importiert …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="109"/>
        <source>Export clients</source>
        <translation>Mandanten exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="115"/>
        <source>{0} clients exported to {1}.</source>
        <translation>{0} Mandanten nach {1} exportiert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="122"/>
        <source>Export callers</source>
        <translation>Anrufer exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="128"/>
        <source>{0} callers exported to {1}.</source>
        <translation>{0} Anrufer nach {1} exportiert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="146"/>
        <source>Exporting {0} …</source>
        <translation>{0} wird exportiert …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="163"/>
        <source>Unexpected error: {0}. Nothing was imported.</source>
        <translation>Unerwarteter Fehler: {0}. Es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="166"/>
        <source>Import / export</source>
        <translation>Import / Export</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="69"/>
        <source>short code, one word, e.g. KAN</source>
        <translation>Kürzel, ein Wort, z. B. KAN</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="72"/>
        <source>name as the operator says it</source>
        <translation>Name, wie er am Telefon genannt wird</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="77"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="78"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="90"/>
        <source>e-mail addresses, separated by commas</source>
        <translation>E-Mail-Adressen, durch Kommas getrennt</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="93"/>
        <source>Encrypt report PDFs</source>
        <translation>Berichts-PDFs verschlüsseln</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="97"/>
        <location filename="../../ui/admin/general_tab.py" line="107"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="100"/>
        <source>After a call for this client the seat does not ring for this long (0: at once).</source>
        <translation>Nach einem Anruf für diesen Mandanten klingelt der Platz so lange nicht (0: sofort wieder).</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="110"/>
        <source>A call answered within this many seconds counts towards the client&apos;s service level.</source>
        <translation>Ein Anruf, der innerhalb so vieler Sekunden angenommen wird, zählt zum Servicelevel des Mandanten.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="116"/>
        <source>Code:</source>
        <translation>Kürzel:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="117"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="118"/>
        <source>Colour:</source>
        <translation>Farbe:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="119"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="120"/>
        <source>State (holidays):</source>
        <translation>Bundesland (Feiertage):</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="121"/>
        <source>Time zone:</source>
        <translation>Zeitzone:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="122"/>
        <source>Report recipients:</source>
        <translation>Berichtsempfänger:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="123"/>
        <source>Daily report at:</source>
        <translation>Tagesbericht um:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="125"/>
        <source>Wrap-up after calls:</source>
        <translation>Nachbearbeitung nach Anrufen:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="126"/>
        <source>Service level: answered within</source>
        <translation>Servicelevel: angenommen innerhalb</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="130"/>
        <location filename="../../ui/admin/general_tab.py" line="182"/>
        <location filename="../../ui/admin/general_tab.py" line="272"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="134"/>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="174"/>
        <source>Create client</source>
        <translation>Mandant anlegen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="213"/>
        <source>Client colour</source>
        <translation>Mandantenfarbe</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="224"/>
        <source>Not an e-mail address: {0}</source>
        <translation>Keine E-Mail-Adresse: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="229"/>
        <source>Please enter a code (one word, e.g. KAN).</source>
        <translation>Bitte geben Sie ein Kürzel ein (ein Wort, z. B. KAN).</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="231"/>
        <source>Please enter the client&apos;s name.</source>
        <translation>Bitte geben Sie den Namen des Mandanten ein.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="273"/>
        <source>Client created.</source>
        <translation>Mandant angelegt.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="273"/>
        <source>Changes saved.</source>
        <translation>Änderungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/history_view.py" line="31"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="32"/>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="33"/>
        <source>Caller / callee</source>
        <translation>Anrufer / Angerufener</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="34"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="35"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="45"/>
        <source>Enter: open the call&apos;s page again · double-click: call back</source>
        <translation>Eingabetaste: Seite des Anrufs wieder öffnen · Doppelklick: zurückrufen</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="79"/>
        <source>in</source>
        <translation>eingehend</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="79"/>
        <source>out</source>
        <translation>ausgehend</translation>
    </message>
</context>
<context>
    <name>HoursTab</name>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="55"/>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="56"/>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="57"/>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="58"/>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="59"/>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="60"/>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="61"/>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="63"/>
        <source>Business hours</source>
        <translation>Geschäftszeiten</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="69"/>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="76"/>
        <source>Intervals as HH:MM-HH:MM separated by spaces; the gap between two intervals is a break, e.g. 08:00-12:00 13:00-17:00. Empty = closed.</source>
        <translation>Zeiträume als HH:MM-HH:MM, durch Leerzeichen getrennt; die Lücke zwischen zwei Zeiträumen ist eine Pause, z. B. 08:00-12:00 13:00-17:00. Leer = geschlossen.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="83"/>
        <source>Copy Monday to Tuesday–Friday</source>
        <translation>Montag auf Dienstag–Freitag übertragen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="85"/>
        <source>Save hours</source>
        <translation>Geschäftszeiten speichern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="98"/>
        <source>Closures and vacations</source>
        <translation>Schließzeiten und Urlaub</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="101"/>
        <location filename="../../ui/admin/hours_tab.py" line="128"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="101"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="101"/>
        <source>Note</source>
        <translation>Bemerkung</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="121"/>
        <source>note, e.g. Summer vacation</source>
        <translation>Bemerkung, z. B. Sommerurlaub</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="122"/>
        <source>Add closure</source>
        <translation>Schließzeit hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="125"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="130"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="187"/>
        <source>Never open: every call is after hours.</source>
        <translation>Nie geöffnet: Jeder Anruf gilt als außerhalb der Geschäftszeiten.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="206"/>
        <source>Business hours saved.</source>
        <translation>Geschäftszeiten gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="223"/>
        <source>The closure must end on or after its start.</source>
        <translation>Die Schließzeit darf nicht vor ihrem Beginn enden.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="248"/>
        <source>Closure removed.</source>
        <translation>Schließzeit entfernt.</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="27"/>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="31"/>
        <source>{0}: {1} rows read, {2} created, {3} updated. The import is complete.</source>
        <translation>{0}: {1} Zeilen gelesen, {2} angelegt, {3} aktualisiert. Der Import ist abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="35"/>
        <source>{0}: {1} rows read, {2} rejected. Nothing was imported — correct the rows below and import the file again.</source>
        <translation>{0}: {1} Zeilen gelesen, {2} abgelehnt. Es wurde nichts importiert — korrigieren Sie die Zeilen unten und importieren Sie die Datei erneut.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="43"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="43"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="43"/>
        <source>Row</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="60"/>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="41"/>
        <source>Log in to Vorzimmer</source>
        <translation>Bei Vorzimmer anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="56"/>
        <source>Login name:</source>
        <translation>Anmeldename:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="57"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="59"/>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="64"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="68"/>
        <source>Please log in with your operator account.</source>
        <translation>Bitte melden Sie sich mit Ihrem Konto an.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="82"/>
        <source>Please enter your login name and password.</source>
        <translation>Bitte geben Sie Anmeldename und Passwort ein.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="86"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="105"/>
        <source>This account is disabled. Ask your office admin.</source>
        <translation>Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Büroleitung.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="109"/>
        <source>The login could not be checked: {0}</source>
        <translation>Die Anmeldung konnte nicht geprüft werden: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="118"/>
        <source>The login name or the password is wrong.</source>
        <translation>Anmeldename oder Passwort ist falsch.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="122"/>
        <source>Too many wrong tries. Please wait {0} s.</source>
        <translation>Zu viele Fehlversuche. Bitte warten Sie {0} s.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="133"/>
        <source>You can try again.</source>
        <translation>Sie können es erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>The screen-pop of the next call appears here.</source>
        <translation>Die Anrufanzeige des nächsten Anrufs erscheint hier.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>Recovered draft</source>
        <translation>Wiederhergestellter Entwurf</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259"/>
        <source>Colleagues</source>
        <translation>Kollegen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310"/>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Note {0}</source>
        <translation>Notiz {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="336"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="337"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source>&amp;Mail delivery…</source>
        <translation>E-Mail-&amp;Zustellung…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="345"/>
        <source>&amp;New note</source>
        <translation>&amp;Neue Notiz</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>&amp;Reopen closed page</source>
        <translation>Geschlossene Seite wieder ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355"/>
        <source>&amp;Clients…</source>
        <translation>&amp;Mandanten…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="360"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="419"/>
        <source>The call&apos;s page could not be opened: {0}</source>
        <translation>Die Seite des Anrufs konnte nicht geöffnet werden: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="450"/>
        <source>Screen-pop failed: {0}</source>
        <translation>Anrufanzeige fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="525"/>
        <source>Booking conflicts, call back: {0}</source>
        <translation>Buchungskonflikte, zurückrufen: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="529"/>
        <source>{0} pending booking(s) of {1} not written: slot taken.</source>
        <translation>{0} vorgemerkte Buchung(en) von {1} nicht eingetragen: Zeit vergeben.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="568"/>
        <source>The call could not be saved in the history: {0}</source>
        <translation>Der Anruf konnte nicht im Verlauf gespeichert werden: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="577"/>
        <source>Answered by {0}</source>
        <translation>Angenommen von {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="627"/>
        <source>Calls in progress</source>
        <translation>Laufende Anrufe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="628"/>
        <source>{0} call(s) are still connected. Hang up and quit?</source>
        <translation>{0} Anruf(e) noch verbunden. Auflegen und beenden?</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="188"/>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="225"/>
        <source>No password stored for {0}: open Settings.</source>
        <translation>Kein Passwort für {0} gespeichert: Öffnen Sie die Einstellungen.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="245"/>
        <source>Password not saved</source>
        <translation>Passwort nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="252"/>
        <source>New audio settings apply after the calls.</source>
        <translation>Neue Audioeinstellungen gelten nach den laufenden Anrufen.</translation>
    </message>
</context>
<context>
    <name>NoteForm</name>
    <message>
        <location filename="../../ui/note_form_fields.py" line="42"/>
        <source>Phone call</source>
        <translation>Telefonat</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="43"/>
        <source>Walk-in</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="44"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="45"/>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="72"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="73"/>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="74"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="82"/>
        <source>No action</source>
        <translation>Keine Aktion</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="83"/>
        <source>Call back</source>
        <translation>Rückruf</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="84"/>
        <source>Send information</source>
        <translation>Informationen senden</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="87"/>
        <source>Wrong number</source>
        <translation>Falsch verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="93"/>
        <source>No appointment booked</source>
        <translation>Kein Termin vereinbart</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="97"/>
        <source>Client:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="98"/>
        <source>Via:</source>
        <translation>Kanal:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="99"/>
        <source>Caller:</source>
        <translation>Anrufer:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="100"/>
        <source>Time:</source>
        <translation>Zeit:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="101"/>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="102"/>
        <source>Operator:</source>
        <translation>Notiert von:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="104"/>
        <source>Caller name:</source>
        <translation>Name des Anrufers:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="105"/>
        <source>Company:</source>
        <translation>Firma:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="106"/>
        <source>Callback number:</source>
        <translation>Rückrufnummer:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="107"/>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="108"/>
        <source>Message:</source>
        <translation>Nachricht:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="109"/>
        <source>Urgency:</source>
        <translation>Dringlichkeit:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="110"/>
        <source>For:</source>
        <translation>Für:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="111"/>
        <source>Requested action:</source>
        <translation>Gewünschte Aktion:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="113"/>
        <source>Appointment:</source>
        <translation>Termin:</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="118"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../../ui/client_choices.py" line="39"/>
        <source>— choose the client —</source>
        <translation>— Mandant auswählen —</translation>
    </message>
    <message>
        <location filename="../../ui/note_form_fields.py" line="140"/>
        <source>— nobody in particular —</source>
        <translation>— niemand Bestimmtes —</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="154"/>
        <source>Unknown caller</source>
        <translation>Unbekannter Anrufer</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="173"/>
        <source>The call {0} is not in the log.</source>
        <translation>Der Anruf {0} ist nicht im Anrufprotokoll.</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="242"/>
        <source>The note {0} does not exist.</source>
        <translation>Die Notiz {0} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="257"/>
        <source>Recovered draft from {0} — not saved yet.</source>
        <translation>Wiederhergestellter Entwurf vom {0} — noch nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="299"/>
        <source>{0} · {1} · written</source>
        <translation>{0} · {1} · erfasst</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="305"/>
        <source>{0} · {1} · {2}: {3} → {4}</source>
        <translation>{0} · {1} · {2}: {3} → {4}</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="330"/>
        <source>Editing…</source>
        <translation>Wird bearbeitet…</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="371"/>
        <source>The draft could not be stored ({0}). Save the note or copy the text.</source>
        <translation>Der Entwurf konnte nicht gesichert werden ({0}). Speichern Sie die Notiz oder kopieren Sie den Text.</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="376"/>
        <source>Draft kept {0}</source>
        <translation>Entwurf gesichert um {0}</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="385"/>
        <source>Choose the client this note is for.</source>
        <translation>Wählen Sie den Mandanten, für den diese Notiz bestimmt ist.</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="387"/>
        <source>Write a subject or a message (or mark a wrong number).</source>
        <translation>Geben Sie einen Betreff oder eine Nachricht ein (oder wählen Sie „Falsch verbunden“).</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="389"/>
        <source>The callback number {0} is not a phone number.</source>
        <translation>Die Rückrufnummer {0} ist keine Telefonnummer.</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="408"/>
        <source>Not saved: {0} Your text is kept as a draft.</source>
        <translation>Nicht gespeichert: {0} Ihr Text bleibt als Entwurf erhalten.</translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="420"/>
        <source>Saved {0} (revision {1})</source>
        <translation>Gespeichert um {0} (Version {1})</translation>
    </message>
</context>
<context>
    <name>NotesSearch</name>
    <message>
        <location filename="../../ui/notes_search.py" line="57"/>
        <source>Words in the note…</source>
        <translation>Wörter in der Notiz…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="61"/>
        <source>Caller name, company or number…</source>
        <translation>Name des Anrufers, Firma oder Nummer…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="63"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="80"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="80"/>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="80"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="80"/>
        <source>Urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="81"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="98"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="135"/>
        <source>— choose a client —</source>
        <translation>— Mandant auswählen —</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="182"/>
        <source>urgent</source>
        <translation>dringend</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="183"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="184"/>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="210"/>
        <source>Choose a client to search its notes.</source>
        <translation>Wählen Sie einen Mandanten, um seine Notizen zu durchsuchen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/notes_search.py" line="212"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n Notiz</numerusform>
            <numerusform>%n Notizen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NumbersTab</name>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="35"/>
        <source>Number (stored)</source>
        <translation>Nummer (gespeichert)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="35"/>
        <source>Shown as</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="35"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="49"/>
        <source>e.g. 030 1234567 or +49 30 1234567</source>
        <translation>z. B. 030 1234567 oder +49 30 1234567</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="54"/>
        <source>label, e.g. DID or forwarding</source>
        <translation>Bezeichnung, z. B. Durchwahl oder Rufumleitung</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="56"/>
        <source>Add number</source>
        <translation>Nummer hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="59"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="78"/>
        <source>Calls to these numbers are answered for this client. A number can belong to one client only.</source>
        <translation>Anrufe auf diese Nummern werden für diesen Mandanten angenommen. Eine Nummer kann nur zu einem Mandanten gehören.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="107"/>
        <source>Type a number in any usual form.</source>
        <translation>Geben Sie die Nummer in einer beliebigen üblichen Schreibweise ein.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="111"/>
        <source>Not a phone number yet.</source>
        <translation>Noch keine gültige Telefonnummer.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="113"/>
        <source>→ {0} (internal extension)</source>
        <translation>→ {0} (interne Durchwahl)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="115"/>
        <source>→ {0}</source>
        <translation>→ {0}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="122"/>
        <source>Please type a number first.</source>
        <translation>Bitte geben Sie zuerst eine Nummer ein.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="132"/>
        <source>Added {0}.</source>
        <translation>{0} hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="150"/>
        <source>Number {0} removed.</source>
        <translation>Nummer {0} entfernt.</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <location filename="../../ui/common_words.py" line="19"/>
        <source>answered</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <location filename="../../ui/common_words.py" line="20"/>
        <source>missed</source>
        <translation>verpasst</translation>
    </message>
    <message>
        <location filename="../../ui/common_words.py" line="21"/>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../../ui/common_words.py" line="22"/>
        <source>busy</source>
        <translation>besetzt</translation>
    </message>
    <message>
        <location filename="../../ui/common_words.py" line="23"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/common_words.py" line="24"/>
        <source>transferred</source>
        <translation>weitergeleitet</translation>
    </message>
    <message>
        <location filename="../../ui/common_words.py" line="25"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location filename="../../ui/common_words.py" line="26"/>
        <source>answered by a colleague</source>
        <translation>an einem anderen Platz angenommen</translation>
    </message>
</context>
<context>
    <name>PhoneStatus</name>
    <message>
        <location filename="../../ui/phone_status.py" line="23"/>
        <location filename="../../ui/phone_status.py" line="38"/>
        <source>Local mode</source>
        <translation>Lokaler Modus</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="27"/>
        <source>Starting phone…</source>
        <translation>Telefon wird gestartet…</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="34"/>
        <source>Registering {0}…</source>
        <translation>Anmeldung von {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="35"/>
        <source>● Registered as {0}</source>
        <translation>● Angemeldet als {0}</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="36"/>
        <source>✖ Registration of {0} failed</source>
        <translation>✖ Anmeldung von {0} fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="37"/>
        <source>✖ Registrar unreachable ({0})</source>
        <translation>✖ Registrar nicht erreichbar ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="51"/>
        <source>No audio device</source>
        <translation>Kein Audiogerät</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="54"/>
        <source>Audio ready</source>
        <translation>Audio bereit</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="59"/>
        <source>Phone ready: {0}</source>
        <translation>Telefon bereit: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="60"/>
        <source>Phone restarting ({0})…</source>
        <translation>Telefon startet neu ({0})…</translation>
    </message>
    <message>
        <location filename="../../ui/phone_status.py" line="61"/>
        <source>Phone stopped</source>
        <translation>Telefon angehalten</translation>
    </message>
</context>
<context>
    <name>PopPanel</name>
    <message>
        <location filename="../../ui/pops.py" line="117"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../../ui/pops.py" line="179"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>PopView</name>
    <message>
        <location filename="../../ui/screen_pop.py" line="84"/>
        <source>Unknown client</source>
        <translation>Unbekannter Mandant</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="104"/>
        <source>Which client is this call for?</source>
        <translation>Für welchen Mandanten ist dieser Anruf?</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="133"/>
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="150"/>
        <source>Instructions</source>
        <translation>Anweisungen</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="163"/>
        <source>FAQ</source>
        <translation>FAQ</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="175"/>
        <source>Business hours</source>
        <translation>Geschäftszeiten</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="176"/>
        <source>After hours</source>
        <translation>Außerhalb der Geschäftszeiten</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="177"/>
        <source>Public holiday</source>
        <translation>Feiertag</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="178"/>
        <source>Closed (vacation)</source>
        <translation>Geschlossen (Urlaub)</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="210"/>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="202"/>
        <source>number withheld</source>
        <translation>Rufnummer unterdrückt</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="90"/>
        <source>The database cannot be reached: no client data. Greet neutrally, pick the client below if you know it, and take a note: it is kept and saved when the database is back.</source>
        <translation>Die Datenbank ist nicht erreichbar: keine Mandantendaten. Neutral begrüßen, den Mandanten unten wählen, falls bekannt, und eine Notiz aufnehmen: Sie bleibt erhalten und wird gespeichert, sobald die Datenbank wieder da ist.</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="205"/>
        <source>unverified</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="215"/>
        <source>Not known for this client.</source>
        <translation>Für diesen Mandanten nicht bekannt.</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="222"/>
        <source>BLOCKED</source>
        <translation>GESPERRT</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="239"/>
        <source>Always put through to: {0}</source>
        <translation>Immer durchstellen zu: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="249"/>
        <source>Last contacts:</source>
        <translation>Letzte Kontakte:</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="257"/>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="270"/>
        <source>Transfer</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="274"/>
        <source>Consult</source>
        <translation>Rücksprache</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="287"/>
        <source>present</source>
        <translation>anwesend</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="289"/>
        <source>in a meeting</source>
        <translation>in einer Besprechung</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="291"/>
        <source>on vacation</source>
        <translation>im Urlaub</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="296"/>
        <source>absent until {0}</source>
        <translation>abwesend bis {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="298"/>
        <source>absent</source>
        <translation>abwesend</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="306"/>
        <source>Book appointment</source>
        <translation>Termin buchen</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="309"/>
        <source>Book an appointment in the client&apos;s calendar ({0})</source>
        <translation>Einen Termin im Kalender des Mandanten buchen ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="356"/>
        <source>Answered by {0}</source>
        <translation>Angenommen von {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="358"/>
        <source>Answered by a colleague</source>
        <translation>An einem anderen Platz angenommen</translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="363"/>
        <source>(ended)</source>
        <translation>(beendet)</translation>
    </message>
</context>
<context>
    <name>ReportScheduler</name>
    <message>
        <location filename="../../ui/report_scheduler.py" line="154"/>
        <source>Urgent note not sent: %1</source>
        <translation>Dringende Notiz nicht gesendet: %1</translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="172"/>
        <source>Report not sent: %1</source>
        <translation>Bericht nicht gesendet: %1</translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="179"/>
        <source>Delivery to %1 failed: %2</source>
        <translation>Zustellung an %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="181"/>
        <source>Delivery to %1 delayed: %2</source>
        <translation>Zustellung an %1 verzögert: %2</translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="196"/>
        <source>Report delivery stopped by an error: %1</source>
        <translation>Berichtszustellung durch einen Fehler angehalten: %1</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="44"/>
        <location filename="../../ui/delivery_dialogs.py" line="66"/>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="47"/>
        <source>Send “%1” (%2, %3) again?</source>
        <translation>„%1“ (%2, %3) erneut senden?</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="55"/>
        <source>It was delivered already; this sends a copy.</source>
        <translation>Bereits zugestellt; es wird eine Kopie gesendet.</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="71"/>
        <source>Recipients (comma-separated):</source>
        <translation>Empfänger (durch Kommas getrennt):</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="81"/>
        <source>Not an e-mail address: %1</source>
        <translation>Keine E-Mail-Adresse: %1</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="84"/>
        <source>Enter at least one e-mail address.</source>
        <translation>Geben Sie mindestens eine E-Mail-Adresse ein.</translation>
    </message>
</context>
<context>
    <name>ScriptsTab</name>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="61"/>
        <source>Business hours</source>
        <translation>Geschäftszeiten</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="62"/>
        <source>After hours</source>
        <translation>Außerhalb der Geschäftszeiten</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="63"/>
        <source>Public holiday</source>
        <translation>Feiertag</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="64"/>
        <source>Vacation / closure</source>
        <translation>Urlaub / Schließzeit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="66"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="66"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="81"/>
        <source>e.g. {client}, {greeting}, {caller_name}, …</source>
        <translation>z. B. {client}, {greeting}, {caller_name}, …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="87"/>
        <source>What to do, what never to say, rules for urgent cases …</source>
        <translation>Was zu tun ist, was nie gesagt werden darf, Regeln für dringende Fälle …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="90"/>
        <source>Mr Krause</source>
        <translation>Herr Krause</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="96"/>
        <source>Insert:</source>
        <translation>Einfügen:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="128"/>
        <source>Save script</source>
        <translation>Skript speichern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="131"/>
        <source>Delete script</source>
        <translation>Skript löschen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="141"/>
        <source>Greeting:</source>
        <translation>Begrüßung:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="143"/>
        <source>Sample caller:</source>
        <translation>Beispielanrufer:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="144"/>
        <source>Preview:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="145"/>
        <source>Instructions:</source>
        <translation>Anweisungen:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="197"/>
        <source>(not set)</source>
        <translation>(nicht festgelegt)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="218"/>
        <source>Unsaved script</source>
        <translation>Ungespeichertes Skript</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="219"/>
        <source>The script has unsaved changes. Save them?</source>
        <translation>Das Skript hat ungespeicherte Änderungen. Jetzt speichern?</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="241"/>
        <source>Not set: calls use “{0}” instead.</source>
        <translation>Nicht festgelegt: Anrufe verwenden stattdessen „{0}“.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="280"/>
        <source>Operator</source>
        <translation>Telefonist</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="295"/>
        <source>Unknown caller: {0}</source>
        <translation>Unbekannter Anrufer: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="296"/>
        <source>As said now, {0} ({1})</source>
        <translation>So wie jetzt gesprochen, {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="298"/>
        <source>default greeting</source>
        <translation>Standardbegrüßung</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="331"/>
        <source>The greeting must not be empty.</source>
        <translation>Die Begrüßung darf nicht leer sein.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="350"/>
        <source>Script saved.</source>
        <translation>Skript gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="370"/>
        <source>Script deleted.</source>
        <translation>Skript gelöscht.</translation>
    </message>
</context>
<context>
    <name>SeatSelector</name>
    <message>
        <location filename="../../ui/seat_selector.py" line="73"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../../ui/seat_selector.py" line="75"/>
        <source>Break…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <location filename="../../ui/seat_selector.py" line="77"/>
        <source>Away</source>
        <translation>Abwesend</translation>
    </message>
</context>
<context>
    <name>SeatState</name>
    <message>
        <location filename="../../ui/seat_words.py" line="14"/>
        <source>Lunch</source>
        <translation>Mittagspause</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="15"/>
        <source>Short break</source>
        <translation>Kurze Pause</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="16"/>
        <source>Meeting</source>
        <translation>Besprechung</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="17"/>
        <source>Training</source>
        <translation>Schulung</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="18"/>
        <source>restored: the app stopped during a call</source>
        <translation>wiederhergestellt: die App wurde während eines Gesprächs beendet</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="25"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="26"/>
        <source>In a call</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="27"/>
        <source>Wrap-up</source>
        <translation>Nachbearbeitung</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="28"/>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="29"/>
        <source>Away</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="30"/>
        <source>Logged out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/seat_words.py" line="53"/>
        <source>{0} since {1}</source>
        <translation>{0} seit {1}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../appenv/settings.py" line="40"/>
        <source>Operator</source>
        <translation>Telefonist</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="41"/>
        <source>SIP account</source>
        <translation>SIP-Konto</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="42"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="43"/>
        <source>Mail server for reports</source>
        <translation>Mailserver für Berichte</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="93"/>
        <source>Name in greetings</source>
        <translation>Name in der Begrüßung</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="100"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="108"/>
        <source>Registrar</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="110"/>
        <source>e.g. sip.example.com:5060 — empty: local mode</source>
        <translation>z. B. sip.example.com:5060 — leer: lokaler Modus</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="112"/>
        <location filename="../../appenv/settings.py" line="196"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="117"/>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="125"/>
        <source>Local SIP port</source>
        <translation>Lokaler SIP-Port</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="134"/>
        <source>Local SIP address</source>
        <translation>Lokale SIP-Adresse</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="136"/>
        <source>0.0.0.0 listens on all network interfaces: needed in local mode, where desk phones call this seat directly. With a SIP account, enter this computer&apos;s address towards the provider so nothing else can reach the phone.</source>
        <translation>0.0.0.0 hört auf allen Netzwerkschnittstellen: nötig im lokalen Modus, in dem Tischtelefone diesen Platz direkt anrufen. Mit SIP-Konto tragen Sie die Adresse dieses Rechners zum Anbieter ein, damit niemand sonst das Telefon erreicht.</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="147"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="155"/>
        <source>Speaker / headset</source>
        <translation>Lautsprecher / Headset</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="163"/>
        <source>Ringing device</source>
        <translation>Gerät für den Klingelton</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="171"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="173"/>
        <source>e.g. mail.example.com — empty: outbox folder</source>
        <translation>z. B. mail.example.com — leer: Ausgangsordner</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="179"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="188"/>
        <source>Security</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="191"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="192"/>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="193"/>
        <source>None (unencrypted)</source>
        <translation>Keine (unverschlüsselt)</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="201"/>
        <source>Sender address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="203"/>
        <source>e.g. telefonservice@example.com</source>
        <translation>z. B. telefonservice@example.com</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="209"/>
        <source>Trusted certificate</source>
        <translation>Vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="211"/>
        <source>optional: PEM file of a self-signed server</source>
        <translation>optional: PEM-Datei (selbst signierter Server)</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="217"/>
        <source>Send daily reports automatically at each report time</source>
        <translation>Tagesberichte automatisch zur jeweiligen Berichtszeit senden</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="227"/>
        <source>Without the password (that goes to the system keyring). A seat&apos;s own data moves there with &apos;vorzimmer migrate --to ADDRESS&apos;.</source>
        <translation>Ohne das Passwort (das kommt in den Schlüsselbund des Systems). Die eigenen Daten eines Platzes ziehen mit „vorzimmer migrate --to ADRESSE“ dorthin um.</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="237"/>
        <source>Seat</source>
        <translation>Platz</translation>
    </message>
    <message>
        <location filename="../../appenv/settings.py" line="44"/>
        <location filename="../../appenv/settings.py" line="224"/>
        <source>Office database</source>
        <translation>Bürodatenbank</translation>
    </message>
    <message>
        <location filename="../../ui/settings_form.py" line="52"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="80"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="88"/>
        <location filename="../../ui/settings_dialog.py" line="106"/>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="99"/>
        <source>Looking for audio devices…</source>
        <translation>Audiogeräte werden gesucht…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="90"/>
        <location filename="../../ui/settings_dialog.py" line="108"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="94"/>
        <source>TLS is not offered: the bundled pjsua2 build supports only TLS 1.2 with an outdated OpenSSL.</source>
        <translation>TLS wird nicht angeboten: Der mitgelieferte pjsua2-Build unterstützt nur TLS 1.2 mit einem veralteten OpenSSL.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="109"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="136"/>
        <source>{0} devices found.</source>
        <translation>{0} Geräte gefunden.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="138"/>
        <source>No audio device found: calls run without sound.</source>
        <translation>Kein Audiogerät gefunden: Anrufe laufen ohne Ton.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="150"/>
        <source>The address must start with postgresql:// (empty: this seat&apos;s file).</source>
        <translation>Die Adresse muss mit postgresql:// beginnen (leer: die Datei dieses Platzes).</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="153"/>
        <source>Type the password into the password field, not into the address: Vorzimmer keeps it in the system keyring.</source>
        <translation>Geben Sie das Passwort in das Passwortfeld ein, nicht in die Adresse: Vorzimmer bewahrt es im Schlüsselbund des Systems auf.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="167"/>
        <source>Type the office database&apos;s address.</source>
        <translation>Geben Sie die Adresse der Büro-Datenbank ein.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="171"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="175"/>
        <source>Connected: {0} clients.</source>
        <translation>Verbunden: {0} Mandanten.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="179"/>
        <source>No connection: {0}</source>
        <translation>Keine Verbindung: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="207"/>
        <source>The new language shows when Vorzimmer starts again.</source>
        <translation>Die neue Sprache erscheint, wenn Vorzimmer das nächste Mal startet.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="209"/>
        <source>The new database is used when Vorzimmer starts again.</source>
        <translation>Die neue Datenbank wird beim nächsten Start von Vorzimmer verwendet.</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../../ui/single_instance.py" line="217"/>
        <source>Vorzimmer is already open for this data folder (process {0}).</source>
        <translation>Vorzimmer ist für diesen Datenordner bereits geöffnet (Prozess {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="221"/>
        <source>Its window has been brought to the front.</source>
        <translation>Sein Fenster wurde in den Vordergrund geholt.</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="216"/>
        <source>Vorzimmer is already open</source>
        <translation>Vorzimmer ist bereits geöffnet</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="223"/>
        <source>Data folder in use</source>
        <translation>Datenordner in Benutzung</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="224"/>
        <source>A Vorzimmer command (process {0}) is working on this data folder. Start Vorzimmer again when it has finished.</source>
        <translation>Ein Vorzimmer-Befehl (Prozess {0}) arbeitet gerade mit diesem Datenordner. Starten Sie Vorzimmer erneut, wenn er fertig ist.</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="230"/>
        <source>Data folder: {0}</source>
        <translation>Datenordner: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="233"/>
        <source>Command line: {0}</source>
        <translation>Befehlszeile: {0}</translation>
    </message>
</context>
<context>
    <name>SmtpSettingsDialog</name>
    <message>
        <location filename="../../ui/smtp_settings.py" line="89"/>
        <source>Mail server for reports</source>
        <translation>Mailserver für Berichte</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="104"/>
        <source>unchanged (stored in the keyring)</source>
        <translation>unverändert (im Schlüsselbund gespeichert)</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="110"/>
        <source>Send test mail</source>
        <translation>Testmail senden</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="106"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="121"/>
        <source>Test mail to:</source>
        <translation>Testmail an:</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="165"/>
        <location filename="../../ui/smtp_settings.py" line="209"/>
        <source>Check the settings: %1</source>
        <translation>Prüfen Sie die Einstellungen: %1</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="168"/>
        <source>Enter the mail server first.</source>
        <translation>Geben Sie zuerst den Mailserver ein.</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="172"/>
        <source>Enter an e-mail address for the test mail.</source>
        <translation>Geben Sie eine E-Mail-Adresse für die Testmail ein.</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="180"/>
        <source>Sending a test mail to %1…</source>
        <translation>Testmail an %1 wird gesendet…</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="185"/>
        <source>The server accepted the test mail: %1</source>
        <translation>Der Server hat die Testmail angenommen: %1</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="196"/>
        <source>The test mail could not be sent: %1</source>
        <translation>Die Testmail konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="213"/>
        <source>Enter the server and user name for the password.</source>
        <translation>Geben Sie für das Passwort den Server und den Benutzernamen ein.</translation>
    </message>
    <message>
        <location filename="../../ui/smtp_settings.py" line="225"/>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="48"/>
        <source>Present</source>
        <translation>Anwesend</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="49"/>
        <source>Absent until</source>
        <translation>Abwesend bis</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="50"/>
        <source>In a meeting</source>
        <translation>In einer Besprechung</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="51"/>
        <source>On vacation</source>
        <translation>Im Urlaub</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="62"/>
        <source>e.g. Partner, Reception</source>
        <translation>z. B. Partner, Empfang</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="64"/>
        <source>number or SIP address for transfers</source>
        <translation>Nummer oder SIP-Adresse für Weiterleitungen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="73"/>
        <source>e.g. back after lunch, call mobile if urgent</source>
        <translation>z. B. nach der Mittagspause zurück, bei Dringendem mobil anrufen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="76"/>
        <source>caller numbers, one per line</source>
        <translation>Anrufernummern, eine pro Zeile</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="80"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="81"/>
        <source>Role:</source>
        <translation>Funktion:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="82"/>
        <source>Transfer to:</source>
        <translation>Weiterleiten an:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="83"/>
        <source>Availability:</source>
        <translation>Verfügbarkeit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="84"/>
        <source>Absent until:</source>
        <translation>Abwesend bis:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="85"/>
        <source>Note:</source>
        <translation>Hinweis:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="86"/>
        <source>Always put through:</source>
        <translation>Immer durchstellen:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="88"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="90"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="93"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="207"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="226"/>
        <source>{0} deleted.</source>
        <translation>{0} gelöscht.</translation>
    </message>
</context>
<context>
    <name>SupervisorView</name>
    <message>
        <location filename="../../ui/supervisor_view.py" line="175"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="176"/>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="177"/>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="178"/>
        <source>Custom dates</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="186"/>
        <source>per client</source>
        <translation>je Mandant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="187"/>
        <source>per operator</source>
        <translation>je Telefonist</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="188"/>
        <source>per day</source>
        <translation>je Tag</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="191"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="193"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="218"/>
        <source>SL = answered within T ÷ answered, SL2 = (answered within T + abandoned within T) ÷ (answered + abandoned); T is each client&apos;s threshold. Short abandons count as offered and abandoned. ASA = mean wait until answered.</source>
        <translation>SL = innerhalb T angenommen ÷ angenommen, SL2 = (innerhalb T angenommen + innerhalb T aufgelegt) ÷ (angenommen + aufgelegt); T ist die Schwelle des jeweiligen Mandanten. Kurz aufgelegte Anrufe zählen als angeboten und aufgelegt. ASA = mittlere Wartezeit bis zur Annahme.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="224"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="226"/>
        <source>Calls waiting: …</source>
        <translation>Wartende Anrufe: …</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="269"/>
        <source>Offered</source>
        <translation>Angeboten</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="270"/>
        <source>Answered</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="271"/>
        <source>Missed</source>
        <translation>Verpasst</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="272"/>
        <source>Abandoned</source>
        <translation>Aufgelegt</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="273"/>
        <source>Missed: avg wait</source>
        <translation>Verpasst: Ø Wartezeit</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="274"/>
        <source>Missed: longest wait</source>
        <translation>Verpasst: längste Wartezeit</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="275"/>
        <source>ASA</source>
        <translation>ASA</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="276"/>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="277"/>
        <source>SL</source>
        <translation>SL</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="278"/>
        <source>SL2</source>
        <translation>SL2</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="279"/>
        <source>Talk</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="280"/>
        <source>Talk avg</source>
        <translation>Gespräch Ø</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="281"/>
        <source>Started min</source>
        <translation>Angef. Min.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="282"/>
        <source>Wrap-up avg</source>
        <translation>Nachbearbeitung Ø</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="283"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="284"/>
        <source>Bookings</source>
        <translation>Termine</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="290"/>
        <source>Operator</source>
        <translation>Telefonist</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="292"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="293"/>
        <source>Client</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="374"/>
        <source>The figures could not be read: {0}</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="399"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="401"/>
        <source>No calls in this period.</source>
        <translation>Keine Anrufe in diesem Zeitraum.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="434"/>
        <source>Seats: – (no seat has logged a state yet)</source>
        <translation>Plätze: – (noch kein Platz hat einen Status gemeldet)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="439"/>
        <source>Seats: {0}</source>
        <translation>Plätze: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="447"/>
        <source>Calls waiting: none</source>
        <translation>Wartende Anrufe: keine</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="452"/>
        <source>Calls waiting: {0}, longest {1} ({2})</source>
        <translation>Wartende Anrufe: {0}, längste Wartezeit {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="461"/>
        <source>Export the figures as CSV</source>
        <translation>Kennzahlen als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="464"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="490"/>
        <source>The CSV file was not written: {0}</source>
        <translation>Die CSV-Datei wurde nicht geschrieben: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_view.py" line="493"/>
        <source>Saved: {0}</source>
        <translation>Gespeichert: {0}</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../../ui/admin/undo_bar.py" line="34"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../../ui/admin/undo_bar.py" line="66"/>
        <source>Could not undo: {0}</source>
        <translation>Rückgängig machen fehlgeschlagen: {0}</translation>
    </message>
</context>
</TS>
