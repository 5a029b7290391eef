// Starts the panel page: loads the pages bundle (plane-inline-pages) and mounts its view.
import init, { startPanel } from "./pages/plane_inline_pages.js";

await init();
startPanel(document.getElementById("app"));
