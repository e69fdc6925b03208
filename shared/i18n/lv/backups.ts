/** Latvian: backups and restore. */
export const backups = {
  backups: {
    kinds: {
      daily: 'Ikdienas',
      'pre-migration': 'Pirms atjaunināšanas',
      manual: 'Manuāla',
      'pre-restore': 'Drošības kopija (pirms atjaunošanas)',
    },
    clients_zero: '{{value}} klientu',
    clients_one: '{{value}} klients',
    clients_other: '{{value}} klienti',
    entries_zero: '{{value}} virsgrāmatas ierakstu',
    entries_one: '{{value}} virsgrāmatas ieraksts',
    entries_other: '{{value}} virsgrāmatas ieraksti',
    checked: 'Pārbaudīti: {{clients}} un {{entries}}',
    restoreTitle: 'Atjaunot no rezerves kopijas',
    backupTaken: 'Kopija izveidota',
    kind: 'Veids',
    size: 'Izmērs',
    verified: 'Pārbaudīts',
    whatHappens: 'Kas notiks',
    step1:
      'Virsgrāmata atgriezīsies stāvoklī, kāds tas bija {{taken}}. Viss, kas reģistrēts pēc tam (maksājumi, apstiprinātie pieprasījumi, pirkumi par kredītiem, korekcijas, iestatījumi), tajā vairs nebūs.',
    step2:
      'Vispirms pašreizējā virsgrāmata tiek saglabāta kā drošības kopija rezerves kopiju sarakstā, tāpēc arī šo atjaunošanu var atsaukt, atjaunojot šo kopiju.',
    step3: 'Pirms kaut kas tiek aizstāts, rezerves kopija tiek pārbaudīta vēlreiz.',
    step4: 'Pēc tam visi ekrāni tiek pārlādēti no atjaunotās virsgrāmatas.',
    understand: 'Es saprotu: viss, kas reģistrēts pēc {{taken}}, tiks izņemts no virsgrāmatas',
    restoring: 'Atjauno… neaizveriet Credit Desk.',
    restoreThis: 'Atjaunot šo rezerves kopiju',
    restored: 'Virsgrāmata atjaunota',
    dismiss: 'Aizvērt',
    restoredText: 'Virsgrāmata tagad atbilst rezerves kopijai, kas izveidota {{taken}} ({{checked}}).',
    safetyText: 'Iepriekšējā virsgrāmata saglabāta kā drošības kopija, kas izveidota {{taken}}.',
    verifiedTitle: 'Pārbaudītās rezerves kopijas',
    intro:
      'Tiek veidotas automātiski katru dienu un pirms katras virsgrāmatas atjaunināšanas, kā arī ikreiz, kad nospiežat “Izveidot kopiju tagad”. Sarakstā redzamas tikai kopijas, kas izturējušas pārbaudi.',
    folder: 'Mape:',
    empty:
      'Rezerves kopiju vēl nav. Pirmā ikdienas kopija tiek izveidota, kad lietotne startē; varat izveidot to arī tagad.',
    loading: 'rezerves kopijas',
    taken: 'Izveidota',
    sha: 'SHA-256 {{sha}}',
    restore: 'Atjaunot…',
    restoreAria: 'Atjaunot… rezerves kopiju, kas izveidota {{taken}}',
    now: 'Izveidot kopiju tagad',
    nowText:
      'Nokopē visu virsgrāmatu, kamēr jūs turpināt darbu, tad atver kopiju un pārbauda to (datubāzes failu un katra klienta atlikumu pret tā ierakstiem), pirms tā tiek ieskaitīta.',
    working: 'Veido un pārbauda kopiju…',
    made: 'Rezerves kopija izveidota un pārbaudīta',
    madeText: '{{checked}} · {{size}} · izveidota {{taken}}',
  },
};
