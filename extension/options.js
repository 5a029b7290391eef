// Starts the options page: loads the pages bundle (plane-inline-pages) and mounts its view.
import init, { startOptions } from "./pages/plane_inline_pages.js";

await init();
startOptions(document.getElementById("app"));
