// The stand-in sites (a pull request, a chat log, a long document) for `cargo xtask demo`, where a
// person tries work item references: served on localhost (a host of its own, so the popup offers
// "Enable on this site"), with links to the sandbox's stand-in Plane app, until stopped.
// Environment: SANDBOX_URL, SITES_PORT.
import { serveSites } from "./sites.mjs";

const sites = await serveSites(process.env.SANDBOX_URL, { host: "localhost", port: Number(process.env.SITES_PORT) });
console.log(`listening on ${sites.origin}`);
const stop = () => sites.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
