<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="83"/>
        <source>Import clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="89"/>
        <source>Import callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="103"/>
        <source>Importing {0} …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="118"/>
        <source>Export clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="124"/>
        <source>{0} clients exported to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="131"/>
        <source>Export callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="137"/>
        <source>{0} callers exported to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="155"/>
        <source>Exporting {0} …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="172"/>
        <source>Unexpected error: {0}. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/file_exchange.py" line="175"/>
        <source>Import / export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../ui/admin/window.py" line="69"/>
        <source>Clients and callers — Vorzimmer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="88"/>
        <location filename="../../ui/admin/window.py" line="287"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="89"/>
        <source>Numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="90"/>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="91"/>
        <location filename="../../ui/admin/window.py" line="289"/>
        <source>Scripts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="92"/>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="93"/>
        <source>FAQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="94"/>
        <source>Callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="152"/>
        <source>Import and export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="164"/>
        <source>Clients from CSV …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="167"/>
        <source>Callers of this client from CSV or vCard …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="172"/>
        <source>Shared callers from CSV or vCard …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="177"/>
        <source>Clients to CSV …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="180"/>
        <source>Callers of this client to CSV or vCard …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="185"/>
        <source>Shared callers to CSV or vCard …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="192"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="197"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="236"/>
        <source>Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="274"/>
        <source>New client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="276"/>
        <source>No client selected — pick one, click New or import a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="299"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="300"/>
        <source>Unsaved changes in: {0}. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="329"/>
        <source>Client {0} created — now add its numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="345"/>
        <source>Delete the client {0} ({1})?

This deletes its {2} number(s), scripts, hours, {3} staff member(s), FAQ and {4} caller(s). It cannot be undone — export its callers first if you may need them.

The {5} logged call(s) and their notes stay in the history, no longer linked to a client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="362"/>
        <source>Client {0} deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="368"/>
        <source>Delete client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="387"/>
        <source>Please wait until the import has finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallCard</name>
    <message>
        <location filename="../../ui/call_card.py" line="58"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="60"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="61"/>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="63"/>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="67"/>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="71"/>
        <source>Transfer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="72"/>
        <source>Consult…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="73"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="76"/>
        <source>DTMF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="130"/>
        <source>Ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="132"/>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="135"/>
        <source>Connected {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="137"/>
        <source>on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="139"/>
        <source>held by the other side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="141"/>
        <source>muted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="143"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/call_card.py" line="147"/>
        <source>Transfer: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallersTab</name>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="43"/>
        <source>Search name, company, notes or number …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="57"/>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="78"/>
        <source>how to address them, e.g. Herr Dr. Krause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="81"/>
        <source>numbers, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="84"/>
        <location filename="../../ui/admin/callers_tab.py" line="166"/>
        <source>VIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="86"/>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="88"/>
        <source>Shared by all clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="95"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="96"/>
        <source>Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="97"/>
        <source>Salutation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="98"/>
        <source>Numbers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="99"/>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="103"/>
        <source>New caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="106"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="109"/>
        <location filename="../../ui/admin/callers_tab.py" line="208"/>
        <source>Save caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="166"/>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="174"/>
        <source>shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="180"/>
        <source>{0} of {1} shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/admin/callers_tab.py" line="182"/>
        <source>%n caller(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="208"/>
        <source>Add caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="258"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/callers_tab.py" line="277"/>
        <source>Caller {0} deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientList</name>
    <message>
        <location filename="../../ui/admin/client_list.py" line="33"/>
        <source>Search clients …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="38"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="38"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="51"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/client_list.py" line="54"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DialPad</name>
    <message>
        <location filename="../../ui/dial_pad.py" line="19"/>
        <source>Number or SIP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dial_pad.py" line="29"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FaqTab</name>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="43"/>
        <source>Question:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="44"/>
        <source>Answer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="46"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="48"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="50"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="111"/>
        <source>Please enter a question and its answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="130"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/faq_tab.py" line="148"/>
        <source>Question deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="68"/>
        <source>short code, one word, e.g. KAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="71"/>
        <source>name as the operator says it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="76"/>
        <source>German</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="77"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="89"/>
        <source>e-mail addresses, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="92"/>
        <source>Encrypt report PDFs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="95"/>
        <source>Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="96"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="97"/>
        <source>Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="98"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="99"/>
        <source>State (holidays):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="100"/>
        <source>Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="101"/>
        <source>Report recipients:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="102"/>
        <source>Daily report at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="107"/>
        <location filename="../../ui/admin/general_tab.py" line="159"/>
        <location filename="../../ui/admin/general_tab.py" line="245"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="111"/>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="151"/>
        <source>Create client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="188"/>
        <source>Client colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="199"/>
        <source>Not an e-mail address: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="204"/>
        <source>Please enter a code (one word, e.g. KAN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="206"/>
        <source>Please enter the client&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="246"/>
        <source>Client created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/general_tab.py" line="246"/>
        <source>Changes saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/history_view.py" line="28"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="29"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="30"/>
        <source>Caller / callee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="31"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="32"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="44"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="45"/>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="46"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="47"/>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="48"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="49"/>
        <source>transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="81"/>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="81"/>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HoursTab</name>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="59"/>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="60"/>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="61"/>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="62"/>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="63"/>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="64"/>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="65"/>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="67"/>
        <source>Business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="73"/>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="80"/>
        <source>Intervals as HH:MM-HH:MM separated by spaces; the gap between two intervals is a break, e.g. 08:00-12:00 13:00-17:00. Empty = closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="87"/>
        <source>Copy Monday to Tuesday–Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="89"/>
        <source>Save hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="102"/>
        <source>Closures and vacations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="105"/>
        <location filename="../../ui/admin/hours_tab.py" line="132"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="105"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="105"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="125"/>
        <source>note, e.g. Summer vacation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="126"/>
        <source>Add closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="129"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="134"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="191"/>
        <source>Never open: every call is after hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="210"/>
        <source>Business hours saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="227"/>
        <source>The closure must end on or after its start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/hours_tab.py" line="252"/>
        <source>Closure removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="27"/>
        <source>Import report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="31"/>
        <source>{0}: {1} rows read, {2} created, {3} updated. The import is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="35"/>
        <source>{0}: {1} rows read, {2} rejected. Nothing was imported — correct the rows below and import the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="43"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="43"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="43"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_report_dialog.py" line="60"/>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>No calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>The screen-pop of the next call appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>Local mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>Starting phone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>Recovered draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Note {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>&amp;New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221"/>
        <source>&amp;Clients…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="268"/>
        <source>Number or SIP address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272"/>
        <source>Blind transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <source>Consult before transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>Screen-pop failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>The call could not be saved in the history: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="390"/>
        <source>Registering {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>● Registered as {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392"/>
        <source>✖ Registration of {0} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>✖ Registrar unreachable ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
        <source>No audio device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>Audio ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="415"/>
        <source>Phone ready: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="416"/>
        <source>Phone restarting ({0})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417"/>
        <source>Phone stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="434"/>
        <source>Calls in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="435"/>
        <source>{0} call(s) are still connected. Hang up and quit?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteForm</name>
    <message>
        <location filename="../../ui/note_form.py" line="117"/>
        <source>Phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="118"/>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="119"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="120"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="147"/>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="148"/>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="149"/>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="157"/>
        <source>No action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="158"/>
        <source>Call back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="159"/>
        <source>Send information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="162"/>
        <source>Wrong number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="167"/>
        <source>No appointment booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="170"/>
        <source>Client:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="171"/>
        <source>Via:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="172"/>
        <source>Caller:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="173"/>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="174"/>
        <source>Duration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="175"/>
        <source>Operator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="177"/>
        <source>Caller name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="178"/>
        <source>Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="179"/>
        <source>Callback number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="180"/>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="181"/>
        <source>Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="182"/>
        <source>Urgency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="183"/>
        <source>For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="184"/>
        <source>Requested action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="186"/>
        <source>Appointment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="191"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="221"/>
        <source>— choose the client —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="236"/>
        <source>— nobody in particular —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="262"/>
        <source>Unknown caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="277"/>
        <source>The call {0} is not in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="343"/>
        <source>The note {0} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="358"/>
        <source>Recovered draft from {0} — not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="409"/>
        <source>{0} · {1} · written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="415"/>
        <source>{0} · {1} · {2}: {3} → {4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="436"/>
        <source>Editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="479"/>
        <source>The draft could not be stored ({0}). Save the note or copy the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="484"/>
        <source>Draft kept {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="492"/>
        <source>Choose the client this note is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="494"/>
        <source>Write a subject or a message (or mark a wrong number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="496"/>
        <source>The callback number {0} is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="530"/>
        <location filename="../../ui/note_form.py" line="535"/>
        <source>Not saved: {0} Your text is kept as a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/note_form.py" line="549"/>
        <source>Saved {0} (revision {1})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesSearch</name>
    <message>
        <location filename="../../ui/notes_search.py" line="56"/>
        <source>Words in the note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="60"/>
        <source>Caller name, company or number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="62"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="79"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="79"/>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="79"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="79"/>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="80"/>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="97"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="125"/>
        <source>— choose a client —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="172"/>
        <source>urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="173"/>
        <source>normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="174"/>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_search.py" line="200"/>
        <source>Choose a client to search its notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/notes_search.py" line="202"/>
        <source>%n note(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NumbersTab</name>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="35"/>
        <source>Number (stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="35"/>
        <source>Shown as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="35"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="49"/>
        <source>e.g. 030 1234567 or +49 30 1234567</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="54"/>
        <source>label, e.g. DID or forwarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="56"/>
        <source>Add number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="59"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="78"/>
        <source>Calls to these numbers are answered for this client. A number can belong to one client only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="107"/>
        <source>Type a number in any usual form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="111"/>
        <source>Not a phone number yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="113"/>
        <source>→ {0} (internal extension)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="115"/>
        <source>→ {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="122"/>
        <source>Please type a number first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="132"/>
        <source>Added {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/numbers_tab.py" line="150"/>
        <source>Number {0} removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PopPanel</name>
    <message>
        <location filename="../../ui/pops.py" line="87"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pops.py" line="102"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PopView</name>
    <message>
        <location filename="../../ui/screen_pop.py" line="67"/>
        <source>Unknown client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="72"/>
        <source>Which client is this call for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="75"/>
        <source>— choose —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="98"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="107"/>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="120"/>
        <source>FAQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="132"/>
        <source>Business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="133"/>
        <source>After hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="134"/>
        <source>Public holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="135"/>
        <source>Closed (vacation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="156"/>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="159"/>
        <source>number withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="184"/>
        <source>Always put through to: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="193"/>
        <source>Last contacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="200"/>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="210"/>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="217"/>
        <source>Consult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="233"/>
        <source>present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="235"/>
        <source>in a meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="237"/>
        <source>on vacation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="242"/>
        <source>absent until {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="244"/>
        <source>absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screen_pop.py" line="255"/>
        <source>(ended)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportScheduler</name>
    <message>
        <location filename="../../ui/report_scheduler.py" line="327"/>
        <source>Urgent note not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="345"/>
        <source>Report not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="352"/>
        <source>Delivery to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="354"/>
        <source>Delivery to %1 delayed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/report_scheduler.py" line="369"/>
        <source>Report delivery stopped by an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScriptsTab</name>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="61"/>
        <source>Business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="62"/>
        <source>After hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="63"/>
        <source>Public holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="64"/>
        <source>Vacation / closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="66"/>
        <source>German</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="66"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="81"/>
        <source>e.g. {client}, {greeting}, {caller_name}, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="87"/>
        <source>What to do, what never to say, rules for urgent cases …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="90"/>
        <source>Mr Krause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="96"/>
        <source>Insert:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="128"/>
        <source>Save script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="131"/>
        <source>Delete script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="141"/>
        <source>Greeting:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="143"/>
        <source>Sample caller:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="144"/>
        <source>Preview:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="145"/>
        <source>Instructions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="197"/>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="218"/>
        <source>Unsaved script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="219"/>
        <source>The script has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="241"/>
        <source>Not set: calls use “{0}” instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="280"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="295"/>
        <source>Unknown caller: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="296"/>
        <source>As said now, {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="298"/>
        <source>default greeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="331"/>
        <source>The greeting must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="350"/>
        <source>Script saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/scripts_tab.py" line="370"/>
        <source>Script deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="50"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="61"/>
        <source>e.g. sip.example.com:5060 — empty: local mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="82"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="83"/>
        <source>Looking for audio devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="87"/>
        <source>Name in greetings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="88"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="89"/>
        <source>SIP account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>Registrar:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="92"/>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="93"/>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="94"/>
        <source>Transport:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="95"/>
        <source>Local SIP port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="99"/>
        <source>TLS is not offered: the bundled pjsua2 build supports only TLS 1.2 with an outdated OpenSSL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="104"/>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="106"/>
        <source>Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="107"/>
        <source>Speaker / headset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="108"/>
        <source>Ringing device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="135"/>
        <source>{0} devices found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="137"/>
        <source>No audio device found: calls run without sound.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="48"/>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="49"/>
        <source>Absent until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="50"/>
        <source>In a meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="51"/>
        <source>On vacation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="62"/>
        <source>e.g. Partner, Reception</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="64"/>
        <source>number or SIP address for transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="73"/>
        <source>e.g. back after lunch, call mobile if urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="76"/>
        <source>caller numbers, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="80"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="81"/>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="82"/>
        <source>Transfer to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="83"/>
        <source>Availability:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="84"/>
        <source>Absent until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="85"/>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="86"/>
        <source>Always put through:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="88"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="90"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="93"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="207"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_tab.py" line="226"/>
        <source>{0} deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../../ui/admin/undo_bar.py" line="34"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/undo_bar.py" line="66"/>
        <source>Could not undo: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../ui/app.py" line="109"/>
        <source>No password stored for {0}: open Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="125"/>
        <source>Password not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="129"/>
        <source>New audio settings apply after the calls.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
