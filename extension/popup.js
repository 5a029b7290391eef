// Starts the popup page: loads the pages bundle (plane-inline-pages) and mounts its view.
import init, { startPopup } from "./pages/plane_inline_pages.js";

await init();
startPopup(document.getElementById("app"));
