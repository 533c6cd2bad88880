/**
 * The baselines: what plain Express 5 does on this machine in the same run, with none of the
 * portal's work. `node bareServer.js page <bytes>` renders an EJS page of about that size;
 * `form` takes a multipart post (files to disk with multer) and inserts one SQLite row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import multer from 'multer';

const projectRoot = path.resolve(__dirname, '../../../..');
const [mode, size] = process.argv.slice(2);
const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(projectRoot, 'bench', 'baselines', 'views'));

app.get('/', (_req, res) => {
  res.send('hello');
});

if (mode === 'page') {
  const sentence = 'A Welsh Labour government will build a National Care Service, free at the point of need. ';
  const paragraph = sentence.repeat(6);
  const paragraphs = Array.from(
    { length: Math.max(1, Math.round(Number(size) / (paragraph.length + 8))) },
    () => paragraph,
  );
  app.get('/page', (_req, res) => {
    res.render('page', { title: 'Health and Social Care', paragraphs });
  });
}

if (mode === 'form') {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-form-'));
  const db = new Database(path.join(folder, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE posts (id INTEGER PRIMARY KEY, fields TEXT NOT NULL, files TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO posts (fields, files) VALUES (?, ?)');
  const upload = multer({ dest: path.join(folder, 'uploads'), limits: { fileSize: 10 * 1024 * 1024 } });
  app.post('/respond', upload.array('reports', 5), (req, res) => {
    const files = (req.files as Express.Multer.File[]).map((file) => file.path);
    const { lastInsertRowid } = insert.run(JSON.stringify(req.body), JSON.stringify(files));
    res.redirect(303, `/respond/${lastInsertRowid}`);
  });
  process.once('SIGTERM', () => fs.rmSync(folder, { recursive: true, force: true }));
}

const server = app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
