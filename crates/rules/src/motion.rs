//! The marquee's geometry: how many copies of the rates make a seamless
//! loop in a viewport, and how long one loop takes at a given speed.

/// How many segments half the track needs so that it is at least as wide
/// as the viewport (the track moves by half its width, and the half that
/// comes in must cover the viewport), and how long, in whole milliseconds,
/// moving by that half takes at `speed` px/s. `None` until the segment has
/// a width.
pub fn timing(segment_width: f64, viewport_width: f64, speed: f64) -> Option<(u32, u64)> {
    if !(segment_width > 0.0 && speed > 0.0) {
        return None;
    }
    // Half a pixel of slack for sub-pixel widths, and a cap against absurd ratios.
    let halves = ((viewport_width - 0.5) / segment_width).ceil().clamp(1.0, 64.0) as u32;
    let ms = (f64::from(halves) * segment_width / speed * 1000.0).round() as u64;
    Some((halves, ms.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_wider_than_the_viewport_needs_one_copy() {
        // 1,000 px at 50 px/s: 20 s per loop.
        assert_eq!(timing(1000.0, 320.0, 50.0), Some((1, 20_000)));
        assert_eq!(timing(1000.0, 1000.0, 50.0), Some((1, 20_000)));
        assert_eq!(timing(1000.0, 1000.4, 50.0), Some((1, 20_000)), "sub-pixel slack");
    }

    #[test]
    fn narrow_rates_are_repeated_until_half_the_track_covers_the_viewport() {
        // 400 px of rates in 1,920 px: 5 segments per half, 2,000 px, 40 s at 50 px/s.
        assert_eq!(timing(400.0, 1920.0, 50.0), Some((5, 40_000)));
        assert_eq!(timing(400.0, 2000.0, 50.0), Some((5, 40_000)));
        assert_eq!(timing(400.0, 2001.0, 50.0), Some((6, 48_000)));
    }

    #[test]
    fn the_speed_is_the_same_at_every_width() {
        for (segment, viewport) in [(731.5, 320.0), (731.5, 1920.0), (88.0, 360.0), (5000.0, 1024.0)] {
            let (halves, ms) = timing(segment, viewport, 37.5).unwrap();
            let px_per_s = f64::from(halves) * segment / (ms as f64 / 1000.0);
            assert!((px_per_s - 37.5).abs() < 0.01, "{segment} in {viewport}: {px_per_s}");
        }
    }

    #[test]
    fn nothing_is_timed_before_layout_and_absurd_ratios_are_capped() {
        assert_eq!(timing(0.0, 1200.0, 50.0), None);
        assert_eq!(timing(f64::NAN, 1200.0, 50.0), None);
        assert_eq!(timing(100.0, 1200.0, 0.0), None);
        assert_eq!(timing(1.0, 100_000.0, 50.0).map(|t| t.0), Some(64));
        assert_eq!(timing(100.0, 0.0, 50.0), Some((1, 2_000)));
    }
}
