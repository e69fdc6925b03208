/** The desktop's connection settings: this computer's ledger or a team server. */
export const connection = {
  connection: {
    open: 'Connection…',
    title: 'Connection',
    intro: 'Choose which ledger this desktop app works on.',
    ledger: 'Ledger',
    local: "This computer's ledger",
    localHint: 'A ledger file on this computer. Nobody signs in.',
    server: 'A team server',
    serverHint: "Your team's shared ledger on its server. Each person signs in.",
    url: 'Server URL',
    urlHint: 'The address your admin gave you, starting with https://',
    urlPlaceholder: 'https://credit-desk.example.com/',
    caFile: 'CA certificate (optional)',
    caFileHint:
      "Only when the server's certificate comes from your organisation's own certificate authority: the PEM file your admin gave you.",
    caFileNone: "None: the system's trusted certificates are checked",
    choose: 'Choose…',
    remove: 'Remove',
    save: 'Save and restart',
    restartNote: 'Credit Desk restarts to use the new connection.',
    connectedTo: 'Connected to {{server}}',
    sectionTitle: 'Team server',
    sectionText:
      "This desktop app works on its own ledger file. To work on your team's shared ledger, connect it to the team server.",
    invalid: {
      url: 'Check the server URL: it must start with https:// (http:// only for a server on this computer) and hold no user name, password, query or fragment.',
      caFile: 'Check the CA certificate: it must be a readable PEM certificate file.',
      mode: 'Choose this computer’s ledger or a team server.',
    },
  },
};
