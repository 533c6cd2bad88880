import { z } from 'zod';
import type { Officer, OfficerRepository } from './officerRepository';
import type { Language } from '../../platform/vocabulary';
import { commandLine, type Actor, type AuditLog } from '../../platform/audit/auditLog';
import type { Clock } from '../../platform/time/clock';
import type { PasswordHasher } from './passwords';

export const minimumPasswordLength = 12;

/** A problem with a command-line request about accounts, said so the operator can fix it. */
export class AccountError extends Error {}

const emailSchema = z.email();

export interface OfficerDependencies {
  readonly officers: OfficerRepository;
  readonly hasher: PasswordHasher;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly endSessionsOf: (officerId: number) => void;
}

/** Officer accounts: created, listed, disabled and reset from the command line; checked at sign-in. */
export class OfficerService {
  // Checking a password for an unknown email costs the same as for a known one, so that the
  // time taken does not reveal which emails have accounts.
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: OfficerDependencies) {}

  async add(email: string, password: string): Promise<Officer> {
    const address = email.trim().toLowerCase();
    if (!emailSchema.safeParse(address).success) throw new AccountError(`"${email}" is not an email address.`);
    if (this.deps.officers.findByEmail(address)) throw new AccountError(`There is already an account for ${address}.`);
    this.requireStrongPassword(password);
    const id = this.deps.officers.insert(address, await this.deps.hasher.hash(password), this.deps.clock.now());
    this.deps.audit.record(commandLine, 'officer-added', null, address);
    return this.deps.officers.findById(id)!;
  }

  list(): Officer[] {
    return this.deps.officers.list();
  }

  setDisabled(email: string, disabled: boolean): void {
    const officer = this.require(email);
    this.deps.officers.setDisabledAt(officer.id, disabled ? this.deps.clock.now() : null);
    if (disabled) this.deps.endSessionsOf(officer.id);
    this.deps.audit.record(commandLine, disabled ? 'officer-disabled' : 'officer-enabled', null, officer.email);
  }

  async resetPassword(email: string, password: string): Promise<void> {
    const officer = this.require(email);
    this.requireStrongPassword(password);
    this.deps.officers.setPasswordHash(officer.id, await this.deps.hasher.hash(password));
    this.deps.endSessionsOf(officer.id);
    this.deps.audit.record(commandLine, 'password-reset', null, officer.email);
  }

  /** The officer these details belong to, or null, taking the same time whatever was wrong. */
  async authenticate(email: string, password: string): Promise<Officer | null> {
    const officer = this.deps.officers.findByEmail(email.trim().toLowerCase());
    const hash = officer?.passwordHash ?? (await this.hashForUnknownAccounts());
    const matches = await this.deps.hasher.verify(password, hash);
    return officer && matches && officer.disabledAt === null ? officer : null;
  }

  /** The signed-in officer, or null if the account has gone or been disabled since. */
  activeOfficer(id: number): Officer | null {
    const officer = this.deps.officers.findById(id);
    return officer && officer.disabledAt === null ? officer : null;
  }

  /** The language this officer gets the email digests in, or null for none: their choice, in the audit log. */
  setDigestLanguage(officer: Officer, language: Language | null): void {
    this.deps.officers.setDigestLanguage(officer.id, language);
    if (language === null) this.deps.audit.record(this.actorFor(officer), 'digest-opted-out');
    else this.deps.audit.record(this.actorFor(officer), 'digest-opted-in', null, language);
  }

  actorFor(officer: Officer): Actor {
    return { officerId: officer.id, name: officer.email };
  }

  private require(email: string): Officer {
    const officer = this.deps.officers.findByEmail(email.trim().toLowerCase());
    if (!officer) throw new AccountError(`There is no account for ${email}.`);
    return officer;
  }

  private requireStrongPassword(password: string): void {
    if (password.length < minimumPasswordLength) {
      throw new AccountError(`The password must be at least ${minimumPasswordLength} characters long.`);
    }
  }

  private hashForUnknownAccounts(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash('no account has this password');
    return this.dummyHash;
  }
}
