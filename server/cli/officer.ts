import readline from 'node:readline';
import { read } from 'read';
import { createConfig } from '../config';
import { openOfficerAccounts } from '../composition';
import { systemClock } from '../platform/time/clock';
import { runCommand } from './runCommand';
import { AccountError } from '../features/accounts/officerService';

const usage = `Manage Policy Officer accounts.

  npm run officer -- add <email>              create an account (asks for the password)
  npm run officer -- list                     list accounts
  npm run officer -- disable <email>          stop an account from signing in
  npm run officer -- enable <email>           let a disabled account sign in again
  npm run officer -- reset-password <email>   set a new password (asks for it)

Passwords are read from a prompt that does not show them, or from the first line of
standard input when it is not a terminal, e.g. for a script:  printf '%s\\n' "$PASSWORD" | npm run officer -- add <email>`;

async function readFirstLineOfStdin(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLineOfStdin();
  const password = await read({ prompt: 'Password (at least 12 characters): ', silent: true, replace: '*' });
  const again = await read({ prompt: 'The same password again: ', silent: true, replace: '*' });
  if (password !== again) throw new AccountError('The two passwords were different. Nothing was changed.');
  return password;
}

async function main(args: string[]): Promise<void> {
  const [command, email] = args;
  // The address of the server that runs on this data, unless set here.
  const officerAccounts = openOfficerAccounts(createConfig(), systemClock);
  const { config, officers } = officerAccounts;
  try {
    if (command === 'list') {
      const accounts = officers.list();
      if (accounts.length === 0)
        console.log('There are no officer accounts yet. Add one with: npm run officer -- add <email>');
      for (const account of accounts) {
        console.log(
          `${account.email}\t${account.disabledAt ? `disabled ${account.disabledAt}` : 'active'}\tsince ${account.createdAt}`,
        );
      }
    } else if (command && email && ['add', 'reset-password'].includes(command)) {
      const password = await readNewPassword();
      if (command === 'add') {
        await officers.add(email, password);
        console.log(`Added ${email.trim().toLowerCase()}. They can sign in at ${config.baseUrl}/admin`);
      } else {
        await officers.resetPassword(email, password);
        console.log(`The password for ${email} has been changed.`);
      }
    } else if (command && email && ['disable', 'enable'].includes(command)) {
      officers.setDisabled(email, command === 'disable');
      console.log(`${email} is ${command}d.`);
    } else {
      console.log(usage);
      process.exitCode = command ? 2 : 0;
    }
  } finally {
    officerAccounts.close();
  }
}

runCommand(main);
