/** Latvian: reports and the audit log (F9, F10). */
export const reports = {
  reports: {
    intro: 'Eksports grāmatvedim. Klientu izraksti atrodami katra klienta cilnē “Kredīti”.',
    ledger: 'Visa virsgrāmata',
    ledgerText:
      'Visu klientu darījumi vienā CSV failā: katrs virsgrāmatas ieraksts savā rindā ar klienta ID un nosaukumu, ieraksta atsauci un piezīmi, kā arī atlikumu pēc darījuma. Datumi ir dienas aģentūras laika joslā{{zone}}; atstājiet tukšus, lai eksportētu visu.',
    beforeFrom: 'Agrāk par “No”',
    exportLedger: 'Eksportēt virsgrāmatu (CSV)',
    ledgerExport: 'Virsgrāmatas eksports',
    requestsText:
      'Bankas pārskaitījumu un kriptovalūtas pieprasījumi ar summām, kredītiem, maksājumu atsaucēm un lēmumiem.',
    allRequests: 'Visi pieprasījumi',
    exportRequests: 'Eksportēt pieprasījumus (CSV)',
  },
  audit: {
    verify: 'Pārbaudīt virsgrāmatu',
    verifyText:
      'Pārbauda, vai katrs atlikums atbilst ierakstu summai, atlikumi pēc darījumiem veido nepārtrauktu ķēdi un neviens ieraksts nav mainīts.',
    ok: 'Virsgrāmata ir kārtībā',
    okText: 'Pārbaudīti {{entries}} ieraksti no {{clients}} klientiem; problēmas nav atrastas.',
    problems_zero: 'Atrastas {{value}} problēmas',
    problems_one: 'Atrasta {{value}} problēma',
    problems_other: 'Atrastas {{value}} problēmas',
    checked: 'Pārbaudīti {{entries}} ieraksti no {{clients}} klientiem.',
    problemClient: 'Klients Nr. {{clientId}}',
    problemEntry: 'Klients Nr. {{clientId}}, ieraksts Nr. {{entryId}}',
    showChanges: 'Rādīt izmaiņas',
    everything: 'Visas',
    entities: {
      settings: 'Iestatījumi',
      package: 'Paketes',
      rate: 'Konvertācijas kursi',
      service: 'Pakalpojumi',
      client: 'Klienti',
      invoice: 'Rēķini',
    },
    empty: 'Izmaiņas vēl nav reģistrētas.',
    emptyFor: 'Nav izmaiņu sadaļā “{{what}}”.',
    when: 'Kad',
    who: 'Kas',
    what: 'Kas mainīts',
    changes: 'Izmaiņas',
    loadMore: 'Ielādēt vēl izmaiņas',
    noChange: 'Neviens lauks nav mainīts.',
    changedTo: 'mainīts uz',
  },
};
