// src/host.js on its own, in Node (which has fetch's Response, streams and
// TextDecoder): the page-facing half must do what the module relies on.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";

const source = fs.readFileSync(new URL("../../src/host.js", import.meta.url), "utf8");

/** A fresh ntHost, with `fetch` as the page would have it. */
function host(fetch = globalThis.fetch) {
  return new Function("fetch", `${source}\nreturn ntHost;`)(fetch);
}

/** A response whose body arrives in the given chunks, counting what was pulled. */
function streamed(chunks, headers = {}) {
  const pulled = { count: 0, cancelled: false };
  const body = new ReadableStream({
    pull(controller) {
      if (pulled.count === chunks.length) return controller.close();
      controller.enqueue(chunks[pulled.count++]);
    },
    cancel() {
      pulled.cancelled = true;
    },
  }, { highWaterMark: 0 }); // pulled only when read
  return { response: new Response(body, { headers }), pulled };
}

test("a good answer is read as UTF-8 text, a byte-order mark dropped", async () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"title":"Кыргыз"}')]);
  assert.deepEqual(await host().read(new Response(bytes), 100), [200, null, '{"title":"Кыргыз"}']);
});

test("broken UTF-8 becomes the replacement character, not an error", async () => {
  const [, , text] = await host().read(new Response(new Uint8Array([0x61, 0xff, 0x62])), 100);
  assert.equal(text, "a\ufffdb");
});

test("a body split across chunks, even inside a character, reads whole", async () => {
  const bytes = new TextEncoder().encode("Ташкент");
  const { response } = streamed([bytes.slice(0, 3), bytes.slice(3, 8), bytes.slice(8)]);
  assert.deepEqual(await host().read(response, 100), [200, null, "Ташкент"]);
});

test("a failed answer gives its status and Retry-After, and no text", async () => {
  const answer = new Response("busy", { status: 503, headers: { "retry-after": "120" } });
  assert.deepEqual(await host().read(answer, 100), [503, "120"]);
  assert.deepEqual(await host().read(new Response("", { status: 404 }), 100), [404, null]);
});

test("a declared length past the limit is refused before reading", async () => {
  const { response, pulled } = streamed([new Uint8Array(10)], { "content-length": " 101 " });
  await assert.rejects(host().read(response, 100), (e) => e === "too-large");
  assert.equal(pulled.count, 0);
});

test("a body past the limit stops the download once it passes it", async () => {
  const chunks = Array.from({ length: 10 }, () => new Uint8Array(40));
  const { response, pulled } = streamed(chunks);
  await assert.rejects(host().read(response, 100), (e) => e === "too-large");
  assert.ok(pulled.count <= 4, `pulled ${pulled.count} chunks`);
  assert.ok(pulled.cancelled, "the stream was cancelled");
  const exact = streamed([new Uint8Array(60), new Uint8Array(40)]);
  assert.equal((await host().read(exact.response, 100))[2].length, 100, "exactly the limit is read");
});

test("what a broken fetch wrapper answers is a rejection, never a throw", async () => {
  for (const answer of [undefined, null, "text", {}, { ok: true, status: 200 }]) {
    await assert.rejects(host().read(answer, 100));
  }
  const throwing = host(() => {
    throw new Error("the page's wrapper");
  });
  const promise = throwing.get("https://x.test/feed.json", new AbortController().signal);
  await assert.rejects(promise, /the page's wrapper/);
});

test("get asks the page's fetch, as found at the call, for a revalidating simple GET", async () => {
  const calls = [];
  const signal = new AbortController().signal;
  const h = host((url, init) => {
    calls.push([url, init]);
    return Promise.resolve(new Response("{}"));
  });
  const answer = await h.get("https://x.test/feed.json", signal);
  assert.ok(answer instanceof Response);
  assert.deepEqual(calls, [["https://x.test/feed.json", { cache: "no-cache", signal }]]);
});
