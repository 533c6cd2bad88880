/** What a browser holds between requests: its cookies, and the CSRF token of the last form it loaded. */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string): Promise<{ status: number; text: string }> {
    const response = await fetch(this.baseUrl + path, { headers: { cookie: this.cookieHeader }, redirect: 'manual' });
    this.keepCookies(response);
    return { status: response.status, text: await response.text() };
  }

  async postForm(path: string, fields: Record<string, string>): Promise<{ status: number; location: string | null }> {
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.keepCookies(response);
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get('location') };
  }

  /** Loads a page with a form and returns the form's CSRF token. */
  async openForm(path: string): Promise<string> {
    const page = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (page.status !== 200 || !token) throw new Error(`${path} did not give a form to fill in (HTTP ${page.status})`);
    return token;
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrf = await this.openForm('/admin/sign-in');
    const answer = await this.postForm('/admin/sign-in', { _csrf: csrf, email, password, next: '/admin' });
    if (answer.status !== 303) throw new Error(`Signing in as ${email} failed (HTTP ${answer.status})`);
  }

  private keepCookies(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const separator = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, separator), pair!.slice(separator + 1));
    }
  }
}
