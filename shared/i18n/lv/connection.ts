/** Datora lietotnes savienojuma iestatījumi: šī datora virsgrāmata vai komandas serveris. */
export const connection = {
  connection: {
    open: 'Savienojums…',
    title: 'Savienojums',
    intro: 'Izvēlieties, ar kuru virsgrāmatu strādā šī datora lietotne.',
    ledger: 'Virsgrāmata',
    local: 'Šī datora virsgrāmata',
    localHint: 'Virsgrāmatas fails šajā datorā. Pieteikšanās nav vajadzīga.',
    server: 'Komandas serveris',
    serverHint: 'Jūsu komandas kopīgā virsgrāmata serverī. Katrs darbinieks piesakās ar savu lietotājvārdu.',
    url: 'Servera URL',
    urlHint: 'Adrese, ko jums iedeva administrators; tā sākas ar https://',
    urlPlaceholder: 'https://credit-desk.example.com/',
    caFile: 'CA sertifikāts (nav obligāts)',
    caFileHint:
      'Tikai tad, ja servera sertifikātu izdevusi jūsu organizācijas pašas sertifikācijas iestāde: PEM fails, ko jums iedeva administrators.',
    caFileNone: 'Nav: tiek pārbaudīti sistēmas uzticamie sertifikāti',
    choose: 'Izvēlēties…',
    remove: 'Noņemt',
    save: 'Saglabāt un restartēt',
    restartNote: 'Credit Desk tiks restartēts, lai izmantotu jauno savienojumu.',
    connectedTo: 'Savienots ar {{server}}',
    sectionTitle: 'Komandas serveris',
    sectionText:
      'Šī datora lietotne strādā ar savu virsgrāmatas failu. Lai strādātu ar komandas kopīgo virsgrāmatu, savienojiet to ar komandas serveri.',
    invalid: {
      url: 'Pārbaudiet servera URL: tam jāsākas ar https:// (http:// der tikai serverim šajā datorā), un tajā nedrīkst būt lietotājvārda, paroles, vaicājuma vai fragmenta.',
      caFile: 'Pārbaudiet CA sertifikātu: tam jābūt nolasāmam PEM sertifikāta failam.',
      mode: 'Izvēlieties šī datora virsgrāmatu vai komandas serveri.',
    },
  },
};
