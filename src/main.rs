//! Entry point of the browser app: mounts [`mutasi_web::App`] on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(mutasi_web::App);
}
