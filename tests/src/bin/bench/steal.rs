//! CPU time the host gave to other machines: on a shared VM the hypervisor can take a
//! large part of the cores away (measured here: 10–49 % of the time on an idle guest),
//! and every figure drops with it. Each scenario reports the share stolen while it ran,
//! read from the `steal` column of `/proc/stat`, so a slow figure can be told apart
//! from a slow server: compare runs only where little was stolen.

/// The machine's CPU counters at one moment (`cpu` line of `/proc/stat`, in ticks).
#[derive(Debug, Clone, Copy)]
pub struct CpuTimes {
    total: u64,
    steal: u64,
}

impl CpuTimes {
    /// The counters now; `None` where `/proc/stat` cannot be read (not Linux).
    pub fn now() -> Option<Self> {
        Self::parse(&std::fs::read_to_string("/proc/stat").ok()?)
    }

    /// Reads the first line, `cpu user nice system idle iowait irq softirq steal …`.
    /// `guest` and `guest_nice` are already counted in `user` and `nice`, so the total
    /// is the first eight columns.
    fn parse(stat: &str) -> Option<Self> {
        let line = stat.lines().next()?.strip_prefix("cpu ")?;
        let columns: Vec<u64> = line
            .split_whitespace()
            .take(8)
            .map(|column| column.parse().ok())
            .collect::<Option<_>>()?;
        let steal = *columns.get(7)?;
        Some(Self {
            total: columns.iter().sum(),
            steal,
        })
    }

    /// The percentage of the CPU stolen between `self` and `later`.
    pub fn stolen_pct_until(self, later: Self) -> Option<f64> {
        let total = later.total.checked_sub(self.total)?;
        let steal = later.steal.checked_sub(self.steal)?;
        (total > 0).then(|| steal as f64 * 100.0 / total as f64)
    }
}

/// Runs `work` and returns what it returned with the share of the CPU stolen meanwhile
/// (`None` where it cannot be read).
pub async fn measuring<T>(work: impl Future<Output = T>) -> (T, Option<f64>) {
    let before = CpuTimes::now();
    let output = work.await;
    let stolen = before.and_then(|before| before.stolen_pct_until(CpuTimes::now()?));
    (output, stolen)
}

/// Stolen share above which a run's figures say more about the host than about Halles.
pub const NOISY_PCT: f64 = 5.0;

#[cfg(test)]
mod tests {
    use super::CpuTimes;

    #[test]
    fn the_share_stolen_is_steal_over_all_eight_columns() {
        let before =
            CpuTimes::parse("cpu  100 0 50 800 10 0 0 40 0 0\ncpu0 1 2 3\n").expect("a cpu line");
        let after = CpuTimes::parse("cpu  150 0 75 875 10 0 0 140 7 0\n").expect("a cpu line");
        // 250 ticks passed, 100 of them stolen.
        assert_eq!(before.stolen_pct_until(after), Some(40.0));
        assert_eq!(after.stolen_pct_until(after), None);
        assert!(CpuTimes::parse("intr 1 2 3").is_none());
    }
}
