// Starts the table page: loads the pages bundle (plane-inline-pages) and mounts its view.
import init, { startTable } from "./pages/plane_inline_pages.js";

await init();
startTable(document.getElementById("app"));
