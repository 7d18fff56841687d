//! The pages of the route table, loaded lazily in the built app.
//!
//! Every Trunk build, `trunk build` and `trunk serve` alike, runs `scripts/build-app.sh` as a
//! build hook, which compiles the app with the `split` feature: then every page below is a split
//! point (`wasm_split`, the mechanism under Leptos' `#[lazy_route]`), cut out of the main wasm
//! into chunks that are fetched the first time one of their pages is opened and precached by
//! the service worker (`scripts/sw-manifest.sh`) for offline use. The login page (`/masuk`) and
//! the not-found page are not listed here: they stay in the main wasm, so the first screen needs
//! no chunk. Pages used together share one split module (the `in` name below): fewer, larger
//! chunks than one module per page, so opening a page costs a few requests rather than dozens. A
//! chunk that fails to download shows [`PageLoadFailed`] instead of aborting the app, and the
//! next attempt fetches it again.
//!
//! While a page's chunks download, [`PageLoading`] in the shell says "Memuat halaman…".
//!
//! Without the feature (`cargo build`/`cargo test`, the wasm-bindgen page tests, clippy) each
//! route is simply the page component, so [`crate::app::Shell`] has one route table for both
//! builds.

use leptos::prelude::*;
use leptos_router::ChooseView;

use crate::components::no_data::NoData;
use crate::i18n::*;
use crate::lang::tr;
use crate::state::session::Session;

/// For each page: its route function, the page component, its `LazyRoute` type and split
/// function, and the split module it belongs to.
macro_rules! lazy_pages {
    ($($route:ident => $page:path, as $ty:ident via $split:ident in $module:ident
        $(, preload $preload:ident)?;)*) => {
        $(
            #[doc = concat!("The route view of `", stringify!($page), "`.")]
            pub fn $route() -> impl ChooseView {
                #[cfg(feature = "split")]
                return leptos_router::Lazy::<split::$ty>::new();
                #[cfg(not(feature = "split"))]
                return $page;
            }
        )*

        /// One `LazyRoute` per page. `fallible`: a failed download returns an error, shown as
        /// [`PageLoadFailed`].
        #[cfg(feature = "split")]
        mod split {
            use leptos::prelude::*;
            use leptos::wasm_split::{wasm_split, SplitLoaderError};
            use leptos_router::LazyRoute;

            /// Counts a download as pending until it ends or is abandoned (the guard is dropped
            /// either way, so leaving a page mid-download does not leave the notice up).
            struct Pending;
            impl Pending {
                fn start() -> Self {
                    super::PENDING.with(|p| p.update(|n| *n += 1));
                    Pending
                }
            }
            impl Drop for Pending {
                fn drop(&mut self) {
                    super::PENDING.with(|p| p.update(|n| *n = n.saturating_sub(1)));
                }
            }

            async fn loaded(
                load: impl std::future::Future<Output = Result<AnyView, SplitLoaderError>>,
            ) -> Result<AnyView, SplitLoaderError> {
                let _pending = Pending::start();
                load.await
            }

            fn shown(view: Result<AnyView, SplitLoaderError>) -> AnyView {
                view.unwrap_or_else(|_| view! { <super::PageLoadFailed /> }.into_any())
            }

            $(
                pub struct $ty;
                impl LazyRoute for $ty {
                    fn data() -> Self {
                        $ty
                    }
                    async fn view(_this: Self) -> AnyView {
                        shown(loaded($split()).await)
                    }
                }
                #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible
                    $(, preload(#[doc = "Fetches this page's split module."] $preload))?)]
                pub(super) fn $split() -> Result<AnyView, SplitLoaderError> {
                    Ok($page().into_any())
                }
            )*
        }
    };
}

lazy_pages! {
    home_page => crate::pages::home::Home, as Home via page_home in beranda, preload preload_home;
    minat => crate::pages::minat::Minat, as Minat via page_minat in karier;
    profil => crate::pages::profil::ProfilPage, as Profil via page_profil in karier;
    pegawai => crate::pages::pegawai::Pegawai, as Pegawai via page_pegawai in organisasi;
    formasi => crate::pages::formasi::Formasi, as Formasi via page_formasi in organisasi;
    formasi_opd => crate::pages::formasi_opd::FormasiOpd, as FormasiOpd via page_formasi_opd in organisasi;
    kandidat => crate::pages::kandidat::KandidatPage, as Kandidat via page_kandidat in organisasi;
    talenta => crate::pages::talenta::Talenta, as Talenta via page_talenta in organisasi;
    rencana => crate::pages::rencana::Rencana, as Rencana via page_rencana in rencana;
    dampak => crate::pages::dampak::Dampak, as Dampak via page_dampak in rencana;
    usulan_list => crate::pages::usulan::UsulanList, as UsulanList via page_usulan_list in alur;
    usulan_detail => crate::pages::usulan::UsulanDetail, as UsulanDetail via page_usulan_detail in alur;
    sk => crate::pages::sk::Sk, as Sk via page_sk in alur;
    audit => crate::pages::audit::Audit, as Audit via page_audit in alur;
    data => crate::pages::data::Data, as Data via page_data in data;
    akun => crate::pages::akun::Akun, as Akun via page_akun in data;
}

/// The route view of `/`: signed in, the Beranda page ([`crate::pages::home::Home`]); signed
/// out, its introduction and the way to log in ([`SignedOutHome`]), drawn by code in the main
/// wasm, so a first visit on a new device downloads no page chunk before it shows.
pub fn home() -> impl ChooseView {
    HomeRoute {
        session: use_context::<Session>(),
        page: home_page(),
    }
}

/// See [`home`]. The choice is made when the route opens, once the stored session is read; a
/// login or logout navigates, which opens the route again.
#[derive(Clone)]
struct HomeRoute<P> {
    session: Option<Session>,
    page: P,
}

impl<P: ChooseView> ChooseView for HomeRoute<P> {
    async fn choose(self) -> AnyView {
        if let Some(session) = self.session {
            if restored(session).await && session.login.with_untracked(Option::is_none) {
                return view! { <SignedOutHome /> }.into_any();
            }
        }
        self.page.choose().await
    }

    /// Nothing: the router preloads a route before choosing its view, and a signed-out visitor
    /// must not fetch the page's code. [`prefetch_after_login`] fetches it when a login is near.
    async fn preload(&self) {}
}

/// Fetches what a login leads to, Beranda's code and the sync engine's (with the city reader),
/// while the person types: on a slow link the login then waits for the sync, not for code. Called
/// by the login page once it is drawn; a failure is left for the real use to report.
pub fn prefetch_after_login() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        crate::timing::yield_to_browser().await;
        let _ = split::preload_home().await;
    });
    crate::sync::execute::prefetch();
}

/// Waits until the stored session has been read: true, or false after the shell's own longest
/// wait for it ([`crate::app::BOOT_MS`]; the full page then decides, as it does for every other
/// state).
async fn restored(session: Session) -> bool {
    let most = std::time::Duration::from_millis(crate::app::BOOT_MS.into());
    let mut waited = std::time::Duration::ZERO;
    while !session.restored.try_get_untracked().unwrap_or(true) {
        if waited >= most {
            return false;
        }
        gloo_timers::future::sleep(RESTORE_POLL).await;
        waited += RESTORE_POLL;
    }
    true
}

const RESTORE_POLL: std::time::Duration = std::time::Duration::from_millis(10);

/// Beranda for a visitor nobody has signed in as: the page's title and introduction, and the
/// same "log in to see the data on this device" notice the full page shows.
#[component]
pub fn SignedOutHome() -> impl IntoView {
    view! {
        <section class="page">
            <h2>{tr(|l| td_string!(l, beranda.title))}</h2>
            <p>{tr(|l| td_string!(l, beranda.intro))}</p>
            <NoData />
        </section>
    }
}

thread_local! {
    /// How many page downloads are under way. Not tied to a reactive owner: the route's view
    /// future runs outside the component tree.
    static PENDING: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// "Memuat halaman…" while a page's code downloads. It fades in only after a moment (CSS), so a
/// page served from the service worker's cache does not make it flicker.
#[component]
pub fn PageLoading() -> impl IntoView {
    let pending = PENDING.with(Clone::clone);
    move || {
        (pending.get() > 0).then(|| {
            view! {
                <p id="page-loading" class="page-loading" role="status">
                    {tr(|l| td_string!(l, common.page_load.loading))}
                </p>
            }
        })
    }
}

/// Shown in place of a page whose code could not be downloaded: says so, and retries by loading
/// the page again (the service worker serves what it has; the rest comes from the network).
#[component]
pub fn PageLoadFailed() -> impl IntoView {
    let retry = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <section class="page" id="page-load-failed" role="alert">
            <h2>{tr(|l| td_string!(l, common.page_load.title))}</h2>
            <p>{tr(|l| td_string!(l, common.page_load.detail))}</p>
            <button type="button" on:click=retry>
                {tr(|l| td_string!(l, common.page_load.retry))}
            </button>
        </section>
    }
}
